using AuthPlane.Sdk.Client;

namespace AuthPlane.Sdk.AspNetCore.TokenExchange;

/// <summary>
/// Exchanges the current MCP caller's access token for a token for another (broker) resource, using this
/// server's own client credentials. Inject it into a tool; send the returned token upstream, never the caller's.
/// </summary>
public interface IAuthPlaneTokenExchange
{
    /// <summary>
    /// Exchanges the current caller's token (RFC 8693) for <paramref name="resource"/>, served from a per-caller
    /// cache while the previous result is fresh.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no current request or it was not authenticated by AuthPlane.</exception>
    /// <exception cref="AuthPlaneConsentRequiredException">The user must grant consent; let it escape the tool so the client gets a URL elicitation (-32042).</exception>
    /// <exception cref="AuthPlaneOAuthException">The authority refused or failed.</exception>
    Task<TokenResponse> ExchangeAsync(string resource, IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default);
}
