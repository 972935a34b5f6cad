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
}
