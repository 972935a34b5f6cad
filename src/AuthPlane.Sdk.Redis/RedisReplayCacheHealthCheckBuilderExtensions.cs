using AuthPlane.Sdk.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Redis DPoP replay store to ASP.NET Core health checks.</summary>
public static class RedisReplayCacheHealthCheckBuilderExtensions
{
    /// <summary>The default name of the check: <c>authplane-redis-replay-cache</c>.</summary>
    public const string DefaultName = "authplane-redis-replay-cache";

    /// <summary>
    /// Adds a check that pings the Redis replay store registered by <c>AddAuthPlaneRedisReplayCache</c>; unhealthy
    /// while it cannot be reached.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags, for example <c>ready</c>, to filter checks by endpoint.</param>
    public static IHealthChecksBuilder AddAuthPlaneRedisReplayCache(this IHealthChecksBuilder builder, string name = DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<RedisReplayCacheHealthCheck>(name, HealthStatus.Unhealthy, tags ?? []);
    }
}
