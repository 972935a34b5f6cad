using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Introspection;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Client;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace AuthPlane.Sdk.Tests.Introspection;

public sealed class IntrospectionServiceCollectionTests
{
    private const string Resource = "https://mcp.example.com/mcp";

    public enum Registration
    {
        ImplementationType,
        ImplementationFactory,
        ImplementationInstance,
    }

    [Theory]
    [InlineData(Registration.ImplementationType, ServiceLifetime.Singleton)]
    [InlineData(Registration.ImplementationType, ServiceLifetime.Scoped)]
    [InlineData(Registration.ImplementationFactory, ServiceLifetime.Transient)]
    [InlineData(Registration.ImplementationFactory, ServiceLifetime.Singleton)]
    [InlineData(Registration.ImplementationInstance, ServiceLifetime.Singleton)]
    public async Task Decorates_the_registered_verifier_whatever_its_descriptor_kind_and_keeps_its_lifetime(Registration kind, ServiceLifetime lifetime)
    {
        // A type registration is activated by the container: it is the SDK's own verifier, trusting a TestAuthority
        // on the harness clock; factory and instance registrations hand over a substitute.
        var instance = InnerVerifier.Accepting();
        await using var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { TimeProvider = new FakeTimeProvider(InnerVerifier.Start) });
        var token = kind == Registration.ImplementationType
            ? authority.MintAccessToken(Resource, t => t.Subject = "user-1")
            : "header.payload.signature";
        await using var h = await OAuthClientHarness.StartAsync(
            configure: o =>
            {
                o.Issuer = authority.Issuer;
                o.Resource = Resource;
            },
            metadata: fake => new AuthorizationServerMetadata { Issuer = authority.Issuer, JwksUri = authority.JwksUri, IntrospectionEndpoint = fake.IntrospectionEndpoint },
            services: services =>
            {
                services.Add(kind switch
                {
                    Registration.ImplementationType => ServiceDescriptor.Describe(typeof(IAccessTokenVerifier), typeof(AccessTokenVerifier), lifetime),
                    Registration.ImplementationFactory => ServiceDescriptor.Describe(typeof(IAccessTokenVerifier), _ => instance, lifetime),
                    _ => ServiceDescriptor.Singleton<IAccessTokenVerifier>(instance),
                });
                services.AddAuthPlaneCore(); // the signing-key store the SDK's verifier needs (its own verifier registration is skipped)
                services.AddAuthPlaneIntrospection(o => o.Enabled = true);
                var registered = Assert.Single(services, d => d.ServiceType == typeof(IAccessTokenVerifier) && !d.IsKeyedService);
                Assert.Equal(lifetime, registered.Lifetime);
            });
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");
        using var scope = h.Get<IServiceScopeFactory>().CreateScope();

        var verifier = scope.ServiceProvider.GetRequiredService<IAccessTokenVerifier>();
        var result = await verifier.VerifyAsync(token);

        Assert.IsType<IntrospectingAccessTokenVerifier>(verifier);
        Assert.True(result.Succeeded, result.Reason.ToString());
        Assert.Equal("user-1", result.Token!.Subject); // the inner verifier's token: the decorator wraps it
        Assert.Equal("/oauth/introspect", h.Authority.SingleRequest.Path);

        // The answer cache is shared by every decorator instance, whatever the lifetime.
        using var otherScope = h.Get<IServiceScopeFactory>().CreateScope();
        Assert.True((await otherScope.ServiceProvider.GetRequiredService<IAccessTokenVerifier>().VerifyAsync(token)).Succeeded);
        Assert.Single(h.Authority.Requests);
        if (kind != Registration.ImplementationType)
        {
            Assert.Equal(2, instance.Calls());
        }
    }

    [Fact]
    public async Task Disabled_introspection_resolves_the_original_verifier_unchanged()
    {
        var instance = InnerVerifier.Accepting();
        await using var h = await OAuthClientHarness.StartAsync(services: services =>
        {
            services.AddSingleton<IAccessTokenVerifier>(instance);
            services.AddAuthPlaneIntrospection();
        });

        var verifier = h.Get<IAccessTokenVerifier>();
        await verifier.VerifyAsync("header.payload.signature");

        Assert.Same(instance, verifier);
        Assert.Empty(h.Authority.Requests);
    }

    [Fact]
    public async Task Calling_it_twice_decorates_once_and_keeps_both_option_callbacks()
    {
        await using var h = await OAuthClientHarness.StartAsync(services: services =>
        {
            services.AddSingleton<IAccessTokenVerifier>(InnerVerifier.Accepting());
            services.AddAuthPlaneIntrospection(o => o.Enabled = true);
            services.AddAuthPlaneIntrospection(o => o.ActiveResultCacheDuration = TimeSpan.FromSeconds(7));
        });
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");

        await h.Get<IAccessTokenVerifier>().VerifyAsync("header.payload.signature");

        Assert.Single(h.Authority.Requests);
        Assert.Equal(TimeSpan.FromSeconds(7), h.Get<IOptions<IntrospectionOptions>>().Value.ActiveResultCacheDuration);
    }

    [Fact]
    public void Without_a_registered_verifier_it_throws_and_says_what_to_call_first()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddAuthPlaneIntrospection());

        Assert.Contains("IAccessTokenVerifier", error.Message, StringComparison.Ordinal);
        Assert.Contains("call AddAuthPlane", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registers_the_outbound_oauth_client()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAccessTokenVerifier>(InnerVerifier.Accepting());

        services.AddAuthPlaneIntrospection();

        Assert.Contains(services, d => d.ServiceType == typeof(AuthPlane.Sdk.Client.IAuthPlaneOAuthClient));
    }
}
