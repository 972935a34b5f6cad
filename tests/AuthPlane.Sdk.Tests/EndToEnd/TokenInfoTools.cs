using System.ComponentModel;
using System.Security.Claims;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.Tests.EndToEnd;

[McpServerToolType]
public sealed class TokenInfoTools
{
    [McpServerTool(Name = "token_info"), Description("Returns sub, scopes and cnf.jkt of the verified access token.")]
    public static string TokenInfo(ClaimsPrincipal? user) =>
        user.GetAuthPlaneToken() is { } token
            ? $"sub={token.Subject};scopes={string.Join(' ', token.Scopes)};jkt={token.ConfirmationThumbprint ?? "-"}"
            : "anonymous";
}
