namespace AuthPlane.Sdk.Client;

/// <summary>The authority rejected this server's client credentials (<c>invalid_client</c>).</summary>
public sealed class AuthPlaneClientAuthenticationException : AuthPlaneOAuthException
{
    private const string DefaultMessage = "The authority rejected the client credentials (invalid_client).";

    /// <summary>Creates the exception with a default message and no HTTP status.</summary>
    public AuthPlaneClientAuthenticationException()
        : this(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with no HTTP status.</summary>
    /// <param name="message">The exception message.</param>
    public AuthPlaneClientAuthenticationException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with no HTTP status.</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneClientAuthenticationException(string message, Exception? innerException)
        : base(OAuthErrorCodes.InvalidClient, null, null, message, innerException)
    {
    }

    /// <summary>Creates the exception for the authority's <c>invalid_client</c> answer.</summary>
    /// <param name="errorDescription">The <c>error_description</c>, when given.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    public AuthPlaneClientAuthenticationException(string? errorDescription, int statusCode)
        : base(OAuthErrorCodes.InvalidClient, errorDescription, statusCode, $"The authority rejected the client credentials (invalid_client, HTTP {statusCode}).")
    {
    }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.InvalidClient;
}
