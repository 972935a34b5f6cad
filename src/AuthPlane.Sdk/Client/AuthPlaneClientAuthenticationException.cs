namespace AuthPlane.Sdk.Client;

/// <summary>The authority rejected this server's client credentials (<c>invalid_client</c>).</summary>
public sealed class AuthPlaneClientAuthenticationException : AuthPlaneOAuthException
{
    /// <summary>Creates the exception.</summary>
    public AuthPlaneClientAuthenticationException(string? errorDescription, int statusCode)
        : base(OAuthErrorCodes.InvalidClient, errorDescription, statusCode, $"The authority rejected the client credentials (invalid_client, HTTP {statusCode}).")
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.InvalidClient;
}
