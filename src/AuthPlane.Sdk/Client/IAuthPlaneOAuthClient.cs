namespace AuthPlane.Sdk.Client;

/// <summary>
/// This server's OAuth client at AuthPlane. Endpoints come from the authority's metadata; requests are
/// authenticated with this server's client credentials (HTTP Basic) when they are configured.
/// </summary>
public interface IAuthPlaneOAuthClient
{
    /// <summary>Exchanges a token (RFC 8693).</summary>
    /// <exception cref="ArgumentException">The subject token is missing.</exception>
    /// <exception cref="AuthPlaneConsentRequiredException">The user must grant consent first.</exception>
    /// <exception cref="AuthPlaneOAuthException">The authority refused or failed; see the derived types and <see cref="AuthPlaneOAuthException.Kind"/>.</exception>
    /// <exception cref="Discovery.AuthPlaneAuthorityMetadataException">The token endpoint is missing or insecure, or metadata is unavailable.</exception>
    Task<TokenResponse> ExchangeTokenAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a token for this server itself (RFC 6749 §4.4), optionally for several resources (RFC 8707).</summary>
    /// <exception cref="AuthPlaneOAuthException">The authority refused or failed.</exception>
    /// <exception cref="Discovery.AuthPlaneAuthorityMetadataException">The token endpoint is missing or insecure, or metadata is unavailable.</exception>
    Task<TokenResponse> RequestClientCredentialsTokenAsync(IEnumerable<string>? scopes = null, IEnumerable<string>? resources = null, CancellationToken cancellationToken = default);

    /// <summary>Introspects a token (RFC 7662). A response without <c>"active": true</c> is inactive.</summary>
    /// <exception cref="AuthPlaneOAuthException">The authority refused or failed.</exception>
    /// <exception cref="Discovery.AuthPlaneAuthorityMetadataException">The introspection endpoint is missing or insecure, or metadata is unavailable.</exception>
    Task<IntrospectionResponse> IntrospectAsync(string token, string? tokenTypeHint = "access_token", CancellationToken cancellationToken = default);

    /// <summary>Revokes a token (RFC 7009). HTTP 200 is success, also for a token that was already invalid.</summary>
    /// <exception cref="AuthPlaneOAuthException">The authority refused or failed.</exception>
    /// <exception cref="Discovery.AuthPlaneAuthorityMetadataException">The revocation endpoint is missing or insecure, or metadata is unavailable.</exception>
    Task RevokeAsync(string token, string? tokenTypeHint = "access_token", CancellationToken cancellationToken = default);
}
