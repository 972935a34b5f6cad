using AuthPlane.Sdk.Errors;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// Log messages of the AuthPlane ASP.NET Core integration, event ids 5001–5099 (the README's "Logging and event ids"
/// table lists every package's range). Tokens and proofs are never logged; a client id read from a token that
/// did not verify is marked <c>(unverified)</c>.
/// </summary>
internal static partial class AuthPlaneLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "AuthPlane rejected the request credentials: {Reason} ({Error}), scheme {Scheme}, client {ClientId}")]
    public static partial void CredentialsRejected(ILogger logger, RejectionReason reason, string error, string? scheme, string clientId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "AuthPlane could not verify the request credentials: {Reason}, client {ClientId}; the request is unauthenticated and a protected endpoint answers 503")]
    public static partial void VerificationUnavailable(ILogger logger, RejectionReason reason, string clientId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "AuthPlane rejection detail for {Reason}: {Rule} expected {Expected}, actual {Actual}")]
    public static partial void RejectionDetail(ILogger logger, RejectionReason reason, string rule, string expected, string actual);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "AuthPlane refused {Target} for client {ClientId} (sub {Subject}): missing scope(s) {MissingScopes}")]
    public static partial void InsufficientScope(ILogger logger, string target, string clientId, string subject, string missingScopes);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "AuthPlane refused an MCP request body of more than {MaxBytes} bytes")]
    public static partial void RequestBodyTooLarge(ILogger logger, long maxBytes);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "AuthPlane refused an MCP request body it cannot read: {Problem}")]
    public static partial void RequestBodyUnreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "AuthPlane asked client {ClientId} for consent to {Description} (JSON-RPC -32042)")]
    public static partial void ConsentElicited(ILogger logger, string clientId, string description);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "AuthPlane challenged an unauthenticated request for {Target}, which needs scope(s) {RequiredScopes}")]
    public static partial void ScopedTargetWithoutToken(ILogger logger, string target, string requiredScopes);
}
