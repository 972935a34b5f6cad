namespace AuthPlane.Sdk.Client;

/// <summary>
/// Base of every error of the outbound AuthPlane OAuth client. <see cref="Kind"/> tells the OAuth error apart
/// (<c>access_denied</c>, <c>invalid_target</c>, <c>invalid_grant</c>, …); derived types mark the cases a caller
/// usually handles differently (consent, client authentication, server, protocol).
/// </summary>
/// <remarks>
/// An OAuth error is defined by its <see cref="Error"/> code, so this type has no constructor without one; its
/// derived types, whose code is implied, have the standard exception constructors.
/// </remarks>
public class AuthPlaneOAuthException : AuthPlaneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The OAuth <c>error</c> code (or an SDK code such as <c>server_error</c> or <c>protocol_error</c>).</param>
    /// <param name="errorDescription">The <c>error_description</c>, when given.</param>
    /// <param name="statusCode">The HTTP status of the answer, or null when no answer arrived.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneOAuthException(string error, string? errorDescription, int? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        Error = error;
        ErrorDescription = errorDescription;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth <c>error</c> code.</summary>
    public string Error { get; }

    /// <summary>The <c>error_description</c>, when the authority gave one.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the answer, or null when no answer arrived (transport failure, timeout, open circuit).</summary>
    public int? StatusCode { get; }

    /// <summary>The classified error.</summary>
    public virtual OAuthErrorKind Kind => OAuthErrorCodes.Classify(Error);
}
