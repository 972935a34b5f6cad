using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.AspNetCore.TokenExchange;

/// <summary>Exchanges the token of the caller of the current HTTP request through the cached OAuth client.</summary>
internal sealed class AuthPlaneTokenExchange(
    IHttpContextAccessor httpContextAccessor,
    IAuthPlaneOAuthClient client,
    ExchangedTokenCache cache) : IAuthPlaneTokenExchange
{
    public Task<TokenResponse> ExchangeAsync(string resource, IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var callerToken = httpContextAccessor.HttpContext?.User.GetAuthPlaneToken()
            ?? throw new InvalidOperationException(
                "Token exchange needs the current caller's AuthPlane access token, but the current request has none. " +
                "Call ExchangeAsync only while handling a request authenticated by AuthPlane (for example inside an MCP tool of a server set up with AddAuthPlane).");

        var request = new TokenExchangeRequest
        {
            SubjectToken = callerToken.RawToken,
            SubjectTokenType = TokenTypeUris.AccessToken,
            Resources = [resource],
            Scopes = scopes is null ? [] : [.. scopes],
        };
        return cache.GetOrExchangeAsync(request, client.ExchangeTokenAsync, cancellationToken);
    }
}
