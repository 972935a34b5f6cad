namespace AuthPlane.Sdk.Client;

/// <summary>
/// The authority is failing or unreachable: a 5xx answer (whatever its body says), a transport failure, a
/// timeout or an open circuit. These are the only failures that count toward the circuit breaker.
/// </summary>
public sealed class AuthPlaneServerException : AuthPlaneOAuthException
{
    private const string DefaultMessage = "The authority is failing or could not be reached.";

    /// <summary>Creates the exception for an authority that did not answer (<c>temporarily_unavailable</c>, no HTTP status).</summary>
    public AuthPlaneServerException()
        : this(DefaultMessage)
    {
    }

    /// <summary>Creates the exception for an authority that did not answer (<c>temporarily_unavailable</c>, no HTTP status).</summary>
    /// <param name="message">The exception message.</param>
    public AuthPlaneServerException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception for an authority that did not answer (<c>temporarily_unavailable</c>, no HTTP status).</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneServerException(string message, Exception? innerException)
        : base(OAuthErrorCodes.TemporarilyUnavailable, null, null, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="error">The OAuth <c>error</c> code of the answer, or <c>server_error</c>/<c>temporarily_unavailable</c> when it named none.</param>
    /// <param name="errorDescription">The <c>error_description</c>, when given.</param>
    /// <param name="statusCode">The HTTP status of the answer, or null when no answer arrived.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneServerException(string error, string? errorDescription, int? statusCode, string message, Exception? innerException = null)
        : base(error, errorDescription, statusCode, message, innerException)
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.ServerError;
}
