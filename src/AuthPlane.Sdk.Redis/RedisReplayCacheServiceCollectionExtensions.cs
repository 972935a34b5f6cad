using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis DPoP replay cache.</summary>
public static class RedisReplayCacheServiceCollectionExtensions
{
    /// <summary>Uses Redis at <paramref name="connectionString"/> as the DPoP replay cache, replacing the in-memory one.</summary>
    public static IServiceCollection AddAuthPlaneRedisReplayCache(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddAuthPlaneRedisReplayCache(options => options.ConnectionString = connectionString);
    }

    /// <summary>Uses Redis, configured by <paramref name="configure"/>, as the DPoP replay cache, replacing the in-memory one.</summary>
    public static IServiceCollection AddAuthPlaneRedisReplayCache(this IServiceCollection services, Action<RedisReplayCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IDPoPReplayCache>();
        services.AddSingleton<RedisDPoPReplayCache>();
        services.AddSingleton<IDPoPReplayCache>(sp => sp.GetRequiredService<RedisDPoPReplayCache>());
        return services;
    }
}
