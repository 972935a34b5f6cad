namespace AuthPlane.Sdk.Client;

/// <summary>The authority's answer broke the OAuth protocol (malformed JSON, a missing or invalid field, an unexpected status).</summary>
public sealed class AuthPlaneProtocolException : AuthPlaneOAuthException
{
    /// <summary>Creates the exception.</summary>
    public AuthPlaneProtocolException(string message, int? statusCode = null, Exception? innerException = null)
        : base(OAuthErrorCodes.ProtocolError, null, statusCode, message, innerException)
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.ProtocolError;
}
