using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.TokenExchange;
using ModelContextProtocol.Server;

namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "Calling upstream APIs for the caller": a tool that sends an exchanged token upstream.</summary>
[McpServerToolType]
public static class TokenExchangeTools
{
    // snippet: token-exchange-tool
    [McpServerTool, RequireScope("calendar:read")]
    public static async Task<string> NextMeeting(IAuthPlaneTokenExchange exchange, IHttpClientFactory http, CancellationToken ct)
    {
        var token = await exchange.ExchangeAsync("https://www.googleapis.com/calendar", ["calendar.read"], ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://calendar.example.com/next");
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        using var response = await http.CreateClient().SendAsync(request, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }
    // end snippet
}
