using AuthPlane.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.DPoP;

/// <summary>Source-generated log messages of DPoP validation.</summary>
internal static partial class DPoPLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "The DPoP replay store is unavailable; the proof was accepted WITHOUT a replay check because ReplayStoreFailOpen is set")]
    public static partial void ReplayStoreFailOpen(ILogger logger);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error,
        Message = "The DPoP replay store is unavailable; the request is refused (fail closed)")]
    public static partial void ReplayStoreUnavailable(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "The in-memory DPoP replay cache holds {Count} of {Capacity} entries; when full it evicts the earliest-expiring proofs and refuses older ones as too old. Raise AuthPlane:DPoP:ReplayCacheCapacity (capacity = proof rate x (ProofMaxAge + ProofClockSkew)) or use the Redis replay cache")]
    public static partial void ReplayCacheNearlyFull(ILogger logger, int count, int capacity);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "The in-memory DPoP replay cache was full ({Capacity} entries): {Evicted} earliest-expiring entries evicted; proofs issued before {MinimumIssuedAt} are now refused as too old")]
    public static partial void ReplayCacheEvicted(ILogger logger, int evicted, int capacity, IsoTimestamp minimumIssuedAt);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning,
        Message = "DPoP proof key {Thumbprint} exceeded its replay-cache quota of {Quota} entries: {Evicted} of its earliest-expiring entries evicted and its older proofs refused as too old")]
    public static partial void ReplayKeyOverQuota(ILogger logger, string thumbprint, int evicted, int quota);
}
