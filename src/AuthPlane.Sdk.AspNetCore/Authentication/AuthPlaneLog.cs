using AuthPlane.Sdk.Errors;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>Log messages of the AuthPlane ASP.NET Core integration. Tokens and proofs are never logged.</summary>
internal static partial class AuthPlaneLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "AuthPlane rejected the request credentials: {Reason} ({Error}), scheme {Scheme}")]
    public static partial void CredentialsRejected(ILogger logger, RejectionReason reason, string error, string? scheme);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "AuthPlane could not verify the request credentials: {Reason}; answering 503")]
    public static partial void VerificationUnavailable(ILogger logger, RejectionReason reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "AuthPlane refused {Method} for client {ClientId} (sub {Subject}): missing scope(s) {MissingScopes}")]
    public static partial void InsufficientScope(ILogger logger, string method, string clientId, string subject, string missingScopes);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "AuthPlane refused an MCP request body of more than {MaxBytes} bytes")]
    public static partial void RequestBodyTooLarge(ILogger logger, long maxBytes);
}
