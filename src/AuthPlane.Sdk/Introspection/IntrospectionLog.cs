using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Introspection;

/// <summary>Log messages of introspection-based revocation. Tokens are never logged.</summary>
internal static partial class IntrospectionLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Introspection is unavailable; the token of client {ClientId} was accepted without a revocation check because AuthPlane:Introspection:FailOpen is on.")]
    public static partial void AcceptedFailOpen(ILogger logger, string clientId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Introspection is unavailable ({Error}); tokens are rejected with 503 until it answers (fail closed).")]
    public static partial void Unavailable(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Introspection is misconfigured ({Error}); tokens are rejected with 503. Check AuthPlane:ClientId, AuthPlane:ClientSecret and the authority's introspection_endpoint.")]
    public static partial void Misconfigured(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Introspection reported the token of client {ClientId} active for another subject or client; it is treated as inactive.")]
    public static partial void IdentityMismatch(ILogger logger, string clientId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Introspection reported the token of client {ClientId} inactive; it is rejected.")]
    public static partial void Inactive(ILogger logger, string clientId);
}
