using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.TryAddSingleton<DPoPProofValidator>();
        services.TryAddSingleton<IAuthPlaneRequestVerifier, AuthPlaneRequestVerifier>();
        return services;
    }
}
