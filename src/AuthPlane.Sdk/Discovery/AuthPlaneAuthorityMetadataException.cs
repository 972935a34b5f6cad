namespace AuthPlane.Sdk.Discovery;

/// <summary>The authorization-server metadata could not be fetched, or it was fetched and is not trustworthy.</summary>
public sealed class AuthPlaneAuthorityMetadataException : AuthPlaneException
{
    private const string DefaultMessage = "The authorization server metadata could not be fetched.";

    /// <summary>Creates the exception for unreachable metadata (<see cref="AuthorityMetadataFailure.Unreachable"/>).</summary>
    public AuthPlaneAuthorityMetadataException()
        : this(DefaultMessage)
    {
    }

    /// <summary>Creates the exception for unreachable metadata (<see cref="AuthorityMetadataFailure.Unreachable"/>).</summary>
    /// <param name="message">The exception message.</param>
    public AuthPlaneAuthorityMetadataException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception for unreachable metadata (<see cref="AuthorityMetadataFailure.Unreachable"/>).</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneAuthorityMetadataException(string message, Exception? innerException)
        : this(AuthorityMetadataFailure.Unreachable, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">What went wrong.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    public AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public AuthorityMetadataFailure Failure { get; }
}
