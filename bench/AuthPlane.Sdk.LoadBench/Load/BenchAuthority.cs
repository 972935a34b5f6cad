using AuthPlane.Sdk.LoadBench.Server;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>
/// A <see cref="TestAuthority"/> publishing <see cref="KeyCount"/> ES256 keys and signing with the last one
/// published (the worst place for a key lookup), minting tokens for the shared benchmark resource.
/// </summary>
internal sealed class BenchAuthority : IAsyncDisposable
{
    private readonly TestAuthority _authority;
    private readonly TestSigningKey _signingKey;

    private BenchAuthority(TestAuthority authority, TestSigningKey signingKey, int keyCount)
    {
        _authority = authority;
        _signingKey = signingKey;
        KeyCount = keyCount;
    }

    /// <summary>How many keys the JWKS holds.</summary>
    public int KeyCount { get; }

    /// <summary>The issuer.</summary>
    public string Issuer => _authority.Issuer;

    /// <summary>The RFC 8414 metadata URL (what JwtBearer reads).</summary>
    public string MetadataUrl => _authority.MetadataUri.ToString();

    /// <summary>JWKS requests served so far.</summary>
    public int JwksFetchCount => _authority.JwksFetchCount;

    /// <summary>Starts an authority on a free loopback port with <paramref name="keyCount"/> published keys.</summary>
    public static async Task<BenchAuthority> StartAsync(int keyCount)
    {
        var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { TokenLifetime = TimeSpan.FromHours(2) }).ConfigureAwait(false);
        var signingKey = authority.ActiveKey;
        for (var i = 1; i < keyCount; i++)
        {
            signingKey = authority.CreateUnpublishedKey();
            authority.PublishKey(signingKey);
        }

        return new BenchAuthority(authority, signingKey, keyCount);
    }

    /// <summary>A valid token with the benchmark scope; bound to <paramref name="dpopKey"/> when given.</summary>
    public string MintToken(DPoPKey? dpopKey = null) => _authority.MintAccessToken(ServerArguments.Resource, token =>
    {
        token.Scopes = [BenchTools.Scope];
        token.SigningKey = _signingKey;
        token.ConfirmationThumbprint = dpopKey?.Thumbprint;
    });

    /// <summary>A token signed by a key the JWKS does not hold, under a random <c>kid</c>.</summary>
    public string MintUnknownKidToken(TestSigningKey unpublishedKey) => _authority.MintAccessToken(ServerArguments.Resource, token =>
    {
        token.Scopes = [BenchTools.Scope];
        token.SigningKey = unpublishedKey;
        token.Header["kid"] = "unknown-" + Guid.NewGuid().ToString("N");
    });

    /// <summary>A key this authority owns but never publishes.</summary>
    public TestSigningKey CreateUnpublishedKey() => _authority.CreateUnpublishedKey();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _authority.DisposeAsync();
}
