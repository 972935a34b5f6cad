using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Redis;

/// <summary>Source-generated log messages of the Redis replay cache.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "The Redis DPoP replay store could not be reached")]
    public static partial void Unreachable(ILogger logger, Exception exception);
}
