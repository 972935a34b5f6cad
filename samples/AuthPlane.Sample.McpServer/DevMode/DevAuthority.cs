using AuthPlane.Sdk.Testing;

namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// The embedded authority of dev mode: an <see cref="TestAuthority"/> on a loopback port that the sample trusts,
/// plus two ready-made access tokens for this server's resource.
/// </summary>
public sealed class DevAuthority : IAsyncDisposable
{
    /// <summary>How long the printed tokens stay valid.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private const string Subject = "dev-user";
    private const string ClientId = "dev-client";

    private readonly TestAuthority _authority;

    private DevAuthority(TestAuthority authority, string resource)
    {
        _authority = authority;
        Resource = resource;
    }

    /// <summary>The embedded authority's issuer (<c>http://127.0.0.1:port</c>).</summary>
    public string Issuer => _authority.Issuer;

    /// <summary>The resource URI the tokens are minted for.</summary>
    public string Resource { get; }

    /// <summary>Starts the authority on a free loopback port.</summary>
    public static async Task<DevAuthority> StartAsync(string resource, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { TokenLifetime = TokenLifetime }, ct).ConfigureAwait(false);
        return new DevAuthority(authority, resource);
    }

    /// <summary>Mints a Bearer access token for <see cref="Resource"/> granting <paramref name="scopes"/>, valid for <see cref="TokenLifetime"/>.</summary>
    public string MintAccessToken(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return _authority.MintAccessToken(Resource, token =>
        {
            token.Subject = Subject;
            token.ClientId = ClientId;
            token.Scopes = [.. scopes];
        });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _authority.DisposeAsync();
}
