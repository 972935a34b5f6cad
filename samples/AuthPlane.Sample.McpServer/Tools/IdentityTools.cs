using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json.Serialization;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>Shows what the SDK hands a tool about its caller: the verified AuthPlane token.</summary>
[McpServerToolType]
public sealed class IdentityTools
{
    /// <summary>Describes the caller from the verified access token.</summary>
    [McpServerTool(Name = "whoami", ReadOnly = true)]
    [Description("Describes the caller from the verified AuthPlane access token: subject, client, scopes, DPoP binding. Needs no scope.")]
    public static CallerInfo WhoAmI(ClaimsPrincipal? user)
    {
        // UseAuthPlane() rejects unauthenticated requests before any tool runs, so a token is always present here.
        var token = user.GetAuthPlaneToken() ?? throw new InvalidOperationException("The request was not authenticated by AuthPlane.");
        return new CallerInfo(token.Subject, token.ClientId, token.Scopes, token.IsDPoPBound, token.ConfirmationThumbprint, token.ExpiresAt);
    }
}

/// <summary>The caller as the verified token describes it.</summary>
/// <param name="Sub">The token's <c>sub</c>.</param>
/// <param name="ClientId">The token's <c>client_id</c>.</param>
/// <param name="Scopes">The granted scopes.</param>
/// <param name="DPoPBound">Whether the token is DPoP-bound (<c>cnf.jkt</c>), so every call carried a proof.</param>
/// <param name="Jkt">The bound key's thumbprint, when bound.</param>
/// <param name="ExpiresAt">When the token expires.</param>
public sealed record CallerInfo(
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("dpop_bound")] bool DPoPBound,
    [property: JsonPropertyName("jkt")] string? Jkt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
