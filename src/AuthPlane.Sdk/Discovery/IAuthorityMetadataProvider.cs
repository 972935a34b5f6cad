namespace AuthPlane.Sdk.Discovery;

/// <summary>Supplies the configured issuer's validated authorization-server metadata, cached and refreshed.</summary>
public interface IAuthorityMetadataProvider
{
    /// <summary>
    /// Returns the current metadata.
    /// </summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The metadata cannot be fetched or is invalid, and none is cached.</exception>
    ValueTask<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken = default);
}
