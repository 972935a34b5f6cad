namespace AuthPlane.Sdk.Discovery;

/// <summary>The authorization-server metadata could not be fetched, or it was fetched and is not trustworthy.</summary>
public sealed class AuthorityMetadataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthorityMetadataException(AuthorityMetadataFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public AuthorityMetadataFailure Failure { get; }
}
