namespace AuthPlane.Sdk.Client;

/// <summary>RFC 8693 §3 token type identifiers.</summary>
public static class TokenTypeUris
{
    /// <summary><c>urn:ietf:params:oauth:token-type:access_token</c>.</summary>
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary><c>urn:ietf:params:oauth:token-type:refresh_token</c>.</summary>
    public const string RefreshToken = "urn:ietf:params:oauth:token-type:refresh_token";

    /// <summary><c>urn:ietf:params:oauth:token-type:id_token</c>.</summary>
    public const string IdToken = "urn:ietf:params:oauth:token-type:id_token";

    /// <summary><c>urn:ietf:params:oauth:token-type:jwt</c>.</summary>
    public const string Jwt = "urn:ietf:params:oauth:token-type:jwt";
}
