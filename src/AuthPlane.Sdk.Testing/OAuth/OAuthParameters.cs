namespace AuthPlane.Sdk.Testing.OAuth;

// Wire names of the OAuth parameters and values the authority's endpoints use.
internal static class OAuthParameters
{
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    public const string ClientCredentialsGrant = "client_credentials";
    public const string AuthorizationCodeGrant = "authorization_code";
    public const string RefreshTokenGrant = "refresh_token";

    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string AccessDenied = "access_denied";
    public const string InvalidDPoPProof = "invalid_dpop_proof";
    public const string UseDPoPNonce = "use_dpop_nonce";
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
    public const string ConsentRequired = "consent_required";

    public const string CauseConsentMissing = "consent_missing";
    public const string CauseScopeInsufficient = "scope_insufficient";

    // Splits a space-delimited scope parameter (RFC 6749 §3.3) into distinct values, in order.
    public static List<string> SplitScopes(string? scope)
    {
        var scopes = new List<string>();
        if (string.IsNullOrEmpty(scope))
        {
            return scopes;
        }

        foreach (var value in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!scopes.Contains(value, StringComparer.Ordinal))
            {
                scopes.Add(value);
            }
        }

        return scopes;
    }

    // An RFC 8707 resource indicator: an absolute URI without a fragment.
    public static bool IsResourceIndicator(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment) && !value.Contains('#', StringComparison.Ordinal);
}
