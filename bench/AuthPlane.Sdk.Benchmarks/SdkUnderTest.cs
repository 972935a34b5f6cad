using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>
/// The SDK wired exactly as an application wires it (<c>AddAuthPlaneCore()</c> + <c>AddAuthPlaneDPoP()</c>), pointed at
/// an in-process <see cref="TestAuthority"/> whose metadata and JWKS are fetched once, before anything is measured.
/// </summary>
internal sealed class SdkUnderTest : IAsyncDisposable
{
    /// <summary>The resource URI the verifier protects and the tokens name in <c>aud</c>.</summary>
    public const string Resource = "https://mcp.example.com/mcp";

    /// <summary>The request path that, with <see cref="Resource"/>'s origin, gives the proofs' <c>htu</c>.</summary>
    public const string ResourcePath = "/mcp";

    // Every benchmark iteration adds fresh proofs to the replay cache, and each entry stays live for the proof's
    // maximum age (5 minutes), so a long run would fill the default 100,000 entries and start failing closed.
    private const int ReplayCacheCapacity = 2_000_000;

    private readonly ServiceProvider _services;

    private SdkUnderTest(TestAuthority authority, ServiceProvider services)
    {
        Authority = authority;
        _services = services;
        Tokens = services.GetRequiredService<IAccessTokenVerifier>();
        Requests = services.GetRequiredService<IAuthPlaneRequestVerifier>();
    }

    /// <summary>The authority that mints the tokens and serves the JWKS.</summary>
    public TestAuthority Authority { get; }

    /// <summary>The SDK's access-token verifier.</summary>
    public IAccessTokenVerifier Tokens { get; }

    /// <summary>The SDK's request verifier (Authorization header, token, DPoP proof and binding).</summary>
    public IAuthPlaneRequestVerifier Requests { get; }

    /// <summary>Starts the authority, builds the SDK's services against it and warms the metadata and JWKS caches.</summary>
    public static async Task<SdkUnderTest> StartAsync()
    {
        var authority = await TestAuthority.StartAsync().ConfigureAwait(false);
        var services = new ServiceCollection();
        services.Configure<AuthPlaneOptions>(options =>
        {
            options.Issuer = authority.Issuer;
            options.Resource = Resource;

            // The authority listens on plain-http loopback.
            options.DevMode = true;
            options.DPoP.ReplayCacheCapacity = ReplayCacheCapacity;
        });
        services.AddAuthPlaneCore();
        services.AddAuthPlaneDPoP();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value; // runs the options validator
        var sdk = new SdkUnderTest(authority, provider);

        var warmUp = await sdk.Tokens.VerifyAsync(authority.MintAccessToken(Resource)).ConfigureAwait(false);
        if (!warmUp.Succeeded || authority.JwksFetchCount != 1)
        {
            throw new InvalidOperationException($"Warming the SDK's key cache failed ({warmUp.Reason}, {authority.JwksFetchCount} JWKS fetches).");
        }

        return sdk;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await Authority.DisposeAsync().ConfigureAwait(false);
    }
}
