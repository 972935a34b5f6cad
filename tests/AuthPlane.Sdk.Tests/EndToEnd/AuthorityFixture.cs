using AuthPlane.Sdk.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>One <see cref="TestAuthority"/> shared by the tests of a class (they only mint tokens from it).</summary>
public sealed class AuthorityFixture : IAsyncLifetime
{
    private TestAuthority? _authority;

    public TestAuthority Authority => _authority ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _authority = await TestAuthority.StartAsync();

    public async Task DisposeAsync()
    {
        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }
    }
}
