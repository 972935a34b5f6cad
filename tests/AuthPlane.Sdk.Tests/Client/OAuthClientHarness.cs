using Microsoft.Extensions.DependencyInjection;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>A real <see cref="AuthPlaneOAuthClient"/> wired through DI (named client + resilience) against a <see cref="FakeTokenAuthority"/>.</summary>
internal sealed class OAuthClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OAuthClientHarness(FakeTokenAuthority authority, ServiceProvider services)
    {
        Authority = authority;
        _services = services;
    }

    public FakeTokenAuthority Authority { get; }

    public IAuthPlaneOAuthClient Client => _services.GetRequiredService<IAuthPlaneOAuthClient>();

    public DPoPProofProvider DPoP => _services.GetRequiredService<DPoPProofProvider>();

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<OAuthClientHarness> StartAsync(
        Action<AuthPlaneOptions>? configure = null,
        Action<AuthPlaneClientOptions>? configureClient = null,
        Func<FakeTokenAuthority, AuthorizationServerMetadata>? metadata = null,
        Action<IServiceCollection>? services = null)
    {
        var authority = await FakeTokenAuthority.StartAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero)));
        collection.Configure<AuthPlaneOptions>(o =>
        {
            o.Issuer = authority.BaseAddress.AbsoluteUri.TrimEnd('/');
            o.ClientId = "mcp-server";
            o.ClientSecret = "s3cret";
            o.DevMode = true; // the fake authority listens on http loopback
            configure?.Invoke(o);
        });
        collection.AddAuthPlaneClient(configureClient);
        collection.AddSingleton(FixedMetadata.Provider(metadata?.Invoke(authority) ?? new AuthorizationServerMetadata
        {
            Issuer = authority.BaseAddress.AbsoluteUri.TrimEnd('/'),
            JwksUri = new Uri(authority.BaseAddress, "/jwks"),
            TokenEndpoint = authority.TokenEndpoint,
            IntrospectionEndpoint = authority.IntrospectionEndpoint,
            RevocationEndpoint = authority.RevocationEndpoint,
        }));
        services?.Invoke(collection);
        return new OAuthClientHarness(authority, collection.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
