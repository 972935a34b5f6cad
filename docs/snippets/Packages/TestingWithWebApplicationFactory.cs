// snippet: package-testing-factory
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace MyServer.Tests;

public static class CalendarToolsCheck
{
    public static async Task<string> CallListEventsWithDPoPAsync()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("AuthPlane:Issuer", authority.Issuer)
            .UseSetting("AuthPlane:Resource", "https://localhost/mcp")
            .UseSetting("AuthPlane:DevMode", "true"));   // the authority listens on http://127.0.0.1

        using var key = DPoPKey.Create("ES256");
        var token = authority.MintAccessToken("https://localhost/mcp", t =>
        {
            t.Scopes = ["calendar:read"];
            t.ConfirmationThumbprint = key.Thumbprint;   // a DPoP-bound token
        });

        // A DPoP proof names the URL it is sent to: call the resource's https origin, not http://localhost.
        var http = factory.CreateDefaultClient(new Uri("https://localhost"), new DPoPClientHandler(key, token));
        await using var mcp = await McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri("https://localhost/mcp") }, http));
        var result = await mcp.CallToolAsync("list_events");
        return result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().First().Text;
    }
}
// end snippet
