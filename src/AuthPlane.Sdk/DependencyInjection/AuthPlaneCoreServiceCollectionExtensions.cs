using AuthPlane.Sdk;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the core AuthPlane services (discovery, JWKS cache, access-token verifier).</summary>
public static class AuthPlaneCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core services as singletons: <see cref="TimeProvider.System"/> (unless one is registered), the
    /// <see cref="AuthPlaneOptionsValidator"/>, the <see cref="AuthPlaneHttpClients.Authority"/> HTTP client,
    /// <see cref="IAuthorityMetadataProvider"/> and <see cref="IAccessTokenVerifier"/>. Configure
    /// <see cref="AuthPlaneOptions"/> yourself (<c>services.Configure&lt;AuthPlaneOptions&gt;(...)</c>) and call
    /// <c>ValidateOnStart()</c> to fail fast on bad settings.
    /// </summary>
    public static IServiceCollection AddAuthPlaneCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuthPlaneMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthPlaneOptions>, AuthPlaneOptionsValidator>());

        services.AddHttpClient(AuthPlaneHttpClients.Authority, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static provider =>
                AuthorityHttpHandler.Create(provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value.DevMode));

        services.TryAddSingleton<AuthorityDocumentFetcher>();
        services.TryAddSingleton<IAuthorityMetadataProvider, AuthorityMetadataProvider>();
        services.TryAddSingleton<ISigningKeyStore, JwksKeyStore>();
        services.TryAddSingleton<IAccessTokenVerifier, AccessTokenVerifier>();
        return services;
    }
}
