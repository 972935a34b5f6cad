using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using AuthPlane.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers DPoP validation and the request verifier.</summary>
public static class DPoPServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DPoP proof validator, the server-nonce service, the in-memory replay cache (unless another
    /// <see cref="IDPoPReplayCache"/> is registered, for example by <c>AddAuthPlaneRedisReplayCache</c>) and
    /// <see cref="IAuthPlaneRequestVerifier"/>. Needs <c>IOptions&lt;AuthPlaneOptions&gt;</c> and an
    /// <see cref="IAccessTokenVerifier"/>.
    /// </summary>
    public static IServiceCollection AddAuthPlaneDPoP(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDPoPReplayCache, InMemoryDPoPReplayCache>();
        services.TryAddSingleton<DPoPNonceService>();
        // A factory, because the validator's constructor is internal: it takes the internal nonce service.
        services.TryAddSingleton(provider => new DPoPProofValidator(
            provider.GetRequiredService<IOptions<AuthPlaneOptions>>(),
            provider.GetRequiredService<IDPoPReplayCache>(),
            provider.GetRequiredService<DPoPNonceService>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<DPoPProofValidator>>()));
        services.TryAddSingleton<IAuthPlaneRequestVerifier, AuthPlaneRequestVerifier>();
        return services;
    }
}
