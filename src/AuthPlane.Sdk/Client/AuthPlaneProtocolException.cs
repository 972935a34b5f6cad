namespace AuthPlane.Sdk.Client;

/// <summary>The authority's answer broke the OAuth protocol (malformed JSON, a missing or invalid field, an unexpected status).</summary>
public sealed class AuthPlaneProtocolException : AuthPlaneOAuthException
{
    private const string DefaultMessage = "The authority's answer broke the OAuth protocol.";

    /// <summary>Creates the exception with a default message and no HTTP status.</summary>
    public AuthPlaneProtocolException()
        : this(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with no HTTP status.</summary>
    /// <param name="message">The exception message.</param>
    public AuthPlaneProtocolException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception with no HTTP status.</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneProtocolException(string message, Exception? innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="statusCode">The HTTP status of the offending answer, when one arrived.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneProtocolException(string message, int? statusCode, Exception? innerException = null)
        : base(OAuthErrorCodes.ProtocolError, null, statusCode, message, innerException)
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.ProtocolError;
}
