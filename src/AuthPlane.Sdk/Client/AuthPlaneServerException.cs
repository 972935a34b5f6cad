namespace AuthPlane.Sdk.Client;

/// <summary>
/// The authority is failing or unreachable: a 5xx answer (whatever its body says), a transport failure, a
/// timeout or an open circuit. These are the only failures that count toward the circuit breaker.
/// </summary>
public sealed class AuthPlaneServerException : AuthPlaneOAuthException
{
    /// <summary>Creates the exception.</summary>
    public AuthPlaneServerException(string error, string? errorDescription, int? statusCode, string message, Exception? innerException = null)
        : base(error, errorDescription, statusCode, message, innerException)
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.ServerError;
}
