using AuthPlane.Sdk.Discovery;
using NSubstitute;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>
/// An NSubstitute <see cref="IAuthorityMetadataProvider"/> answering fixed metadata: the OAuth client depends only on
/// that contract (discovery has its own tests), so these tests pin the endpoints they need directly.
/// </summary>
internal static class FixedMetadata
{
    /// <summary>A provider whose every <c>GetAsync</c> returns <paramref name="metadata"/>.</summary>
    public static IAuthorityMetadataProvider Provider(AuthorizationServerMetadata metadata)
    {
        var provider = Substitute.For<IAuthorityMetadataProvider>();
#pragma warning disable CA2012 // NSubstitute's set-up call: the ValueTask is never awaited here, the substitute answers with a fresh copy of a completed one
        provider.GetAsync(Arg.Any<CancellationToken>()).Returns(ValueTask.FromResult(metadata));
#pragma warning restore CA2012
        return provider;
    }
}
