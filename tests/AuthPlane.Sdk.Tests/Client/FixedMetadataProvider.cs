using AuthPlane.Sdk.Discovery;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>
/// Returns fixed metadata. The real discovery provider is built in parallel by another capability and is tested
/// there; the client only depends on the <see cref="IAuthorityMetadataProvider"/> contract, so its tests pin the
/// endpoints they need directly.
/// </summary>
internal sealed class FixedMetadataProvider(AuthorizationServerMetadata metadata) : IAuthorityMetadataProvider
{
    public ValueTask<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(metadata);
}
