using AuthPlane.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Discovery;

/// <summary>Log messages of discovery and key fetching.</summary>
internal static partial class AuthorityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "AuthPlane metadata fetch failed ({Failure}): {Detail}. Last good metadata kept: {KeptPrevious}. Next attempt not before {RetryAt}.")]
    public static partial void MetadataFetchFailed(ILogger logger, AuthorityMetadataFailure failure, string detail, bool keptPrevious, IsoTimestamp retryAt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "AuthPlane JWKS fetch from {JwksUri} failed: {Detail}. Last good keys kept: {KeptPrevious}. Next attempt not before {RetryAt}.")]
    public static partial void KeysFetchFailed(ILogger logger, string jwksUri, string detail, bool keptPrevious, IsoTimestamp retryAt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "AuthPlane JWKS refreshed from {JwksUri}: {KeyCount} keys, next refresh at {RefreshAt}.")]
    public static partial void KeysRefreshed(ILogger logger, Uri jwksUri, int keyCount, IsoTimestamp refreshAt);
}
