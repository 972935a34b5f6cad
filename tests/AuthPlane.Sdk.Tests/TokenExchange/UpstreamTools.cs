using System.ComponentModel;
using AuthPlane.Sdk.AspNetCore.TokenExchange;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.Tests.TokenExchange;

/// <summary>A tool that calls an upstream API with a token exchanged for the current caller.</summary>
[McpServerToolType]
public sealed class UpstreamTools
{
    public const string Resource = "https://calendar.example.com";

    [McpServerTool(Name = "calendar"), Description("Reads the caller's calendar through token exchange.")]
    public static async Task<string> Calendar(IAuthPlaneTokenExchange exchange, CancellationToken cancellationToken)
    {
        var token = await exchange.ExchangeAsync(Resource, ["calendar.read"], cancellationToken);
        return token.AccessToken; // stands in for "the Authorization header the upstream request would carry"
    }
}
