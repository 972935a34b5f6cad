using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Introspection;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds introspection-based revocation (RFC 7662) to the registered access-token verifier.</summary>
public static class AuthPlaneIntrospectionServiceCollectionExtensions
{
    // The original verifier is re-registered under this key, so the container still creates, scopes and disposes it.
    private const string InnerVerifierKey = "AuthPlane.Introspection.InnerVerifier";

    /// <summary>
    /// Decorates the registered <see cref="IAccessTokenVerifier"/> with an <see cref="IntrospectingAccessTokenVerifier"/>
    /// (same lifetime; the original registration may be a type, a factory or an instance) and registers the OAuth
    /// client it introspects with (<c>AddAuthPlaneClient</c>). The check runs only when
    /// <see cref="IntrospectionOptions.Enabled"/> is true (configure it here or bind <see cref="IntrospectionOptions.SectionName"/>);
    /// otherwise the original verifier is resolved unchanged. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="IAccessTokenVerifier"/> is registered yet.</exception>
    public static IServiceCollection AddAuthPlaneIntrospection(this IServiceCollection services, Action<IntrospectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntrospectionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(IntrospectionResultCache)))
        {
            return services; // already decorated; only the options callback above is added
        }

        var original = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IAccessTokenVerifier) && !descriptor.IsKeyedService)
            ?? throw new InvalidOperationException(
                "AddAuthPlaneIntrospection decorates the registered IAccessTokenVerifier, but none is registered yet: call AddAuthPlane (or AddAuthPlaneCore) first, then AddAuthPlaneIntrospection.");

        services.Remove(original);
        services.Add(AsKeyed(original));
        services.Add(ServiceDescriptor.Describe(typeof(IAccessTokenVerifier), CreateVerifier, original.Lifetime));

        services.AddAuthPlaneClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntrospectionOptions>, IntrospectionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new IntrospectionResultCache(sp.GetRequiredService<IOptions<IntrospectionOptions>>().Value.MaxCacheEntries));
        services.AddSingleton<IntrospectionFlights>();
        return services;
    }

    private static IAccessTokenVerifier CreateVerifier(IServiceProvider services)
    {
        var inner = services.GetRequiredKeyedService<IAccessTokenVerifier>(InnerVerifierKey);
        var options = services.GetRequiredService<IOptions<IntrospectionOptions>>();
        if (!options.Value.Enabled)
        {
            return inner;
        }

        return new IntrospectingAccessTokenVerifier(
            inner,
            services.GetRequiredService<IAuthPlaneOAuthClient>(),
            options,
            services.GetRequiredService<IntrospectionResultCache>(),
            services.GetRequiredService<IntrospectionFlights>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<IntrospectingAccessTokenVerifier>>());
    }

    private static ServiceDescriptor AsKeyed(ServiceDescriptor original)
    {
        if (original.ImplementationInstance is { } instance)
        {
            return new ServiceDescriptor(typeof(IAccessTokenVerifier), InnerVerifierKey, instance);
        }

        if (original.ImplementationFactory is { } factory)
        {
            return new ServiceDescriptor(typeof(IAccessTokenVerifier), InnerVerifierKey, (sp, _) => factory(sp), original.Lifetime);
        }

        return new ServiceDescriptor(typeof(IAccessTokenVerifier), InnerVerifierKey, original.ImplementationType!, original.Lifetime);
    }
}
