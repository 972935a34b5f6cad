using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthPlane.Sdk.Redis;

/// <summary>
/// Reports whether the Redis DPoP replay store answers: healthy with the round-trip time, unhealthy when it cannot be
/// reached (DPoP requests are then answered 503 unless fail-open is configured). Register it with
/// <c>AddHealthChecks().AddAuthPlaneRedisReplayCache()</c>.
/// </summary>
internal sealed class RedisReplayCacheHealthCheck(RedisDPoPReplayCache cache) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var roundTrip = await cache.PingAsync(cancellationToken).ConfigureAwait(false);
        return roundTrip is { } time
            ? HealthCheckResult.Healthy(
                "The DPoP replay store answers.",
                new Dictionary<string, object> { ["round_trip_ms"] = Math.Round(time.TotalMilliseconds, 3).ToString(CultureInfo.InvariantCulture) })
            : HealthCheckResult.Unhealthy("The DPoP replay store cannot be reached: DPoP requests are answered 503 (fail closed).");
    }
}
