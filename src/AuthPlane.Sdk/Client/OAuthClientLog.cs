using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Client;

/// <summary>Log messages of the outbound OAuth client. Tokens and secrets are never logged.</summary>
internal static partial class OAuthClientLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "The authority requires consent ({Error}, cause {Cause}) for a call to {Endpoint}.")]
    public static partial void ConsentRequired(ILogger logger, string error, string? cause, Uri endpoint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The authority refused a call to {Endpoint}: {Error} (HTTP {StatusCode}).")]
    public static partial void Refused(ILogger logger, Uri endpoint, string error, int? statusCode);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "The authority failed a call to {Endpoint}: {Error} (HTTP {StatusCode}).")]
    public static partial void Failed(ILogger logger, Uri endpoint, string error, int? statusCode, Exception? exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Retrying the call to {Endpoint} once with the DPoP nonce the authority supplied.")]
    public static partial void RetryingWithDPoPNonce(ILogger logger, Uri endpoint);
}
