using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AuthPlane.Sdk.Tests.Testing;

/// <summary>A running <see cref="TestAuthority"/> plus the SDK's core services pointed at it (dev mode, fake clock).</summary>
internal sealed class AuthorityHarness : IAsyncDisposable
{
    public const string Resource = "https://mcp.example.com/mcp";

    private AuthorityHarness(TestAuthority authority, ServiceProvider services, TimeProvider time)
    {
        Authority = authority;
        Services = services;
        Time = time;
    }

    public TestAuthority Authority { get; }

    public ServiceProvider Services { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public IAccessTokenVerifier Verifier => Services.GetRequiredService<IAccessTokenVerifier>();

    public IAuthorityMetadataProvider Metadata => Services.GetRequiredService<IAuthorityMetadataProvider>();

    internal ISigningKeyStore Keys => Services.GetRequiredService<ISigningKeyStore>();

    public static async Task<AuthorityHarness> StartAsync(
        Action<AuthPlaneOptions>? configure = null,
        string issuerPath = "",
        bool systemClock = false,
        Action<TestAuthority>? beforeServices = null)
    {
        TimeProvider time = systemClock ? TimeProvider.System : new FakeTimeProvider(new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero));
        var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { TimeProvider = time, IssuerPath = issuerPath });
        beforeServices?.Invoke(authority);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddAuthPlaneCore();
        services.Configure<AuthPlaneOptions>(options =>
        {
            options.Issuer = authority.Issuer;
            options.Resource = Resource;
            options.DevMode = true;
            configure?.Invoke(options);
        });
        return new AuthorityHarness(authority, services.BuildServiceProvider(), time);
    }

    public string Mint(Action<AccessTokenDescriptor>? configure = null) => Authority.MintAccessToken(Resource, configure);

    public async Task<AccessTokenResult> VerifyAsync(string token) => await Verifier.VerifyAsync(token);

    /// <summary>
    /// Uses <paramref name="token"/> twice, as a client reusing it does, so that the verifier caches it (a token enters
    /// the cache at its second use); both uses must succeed.
    /// </summary>
    public async Task UseUntilCachedAsync(string token)
    {
        for (var use = 0; use < 2; use++)
        {
            Xunit.Assert.True((await VerifyAsync(token)).Succeeded);
        }
    }

    /// <summary>Waits for a background fetch to be observed (not a timed assertion: fails only if it never happens).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
