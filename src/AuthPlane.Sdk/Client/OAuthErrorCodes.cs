namespace AuthPlane.Sdk.Client;

/// <summary>OAuth error codes the client recognises.</summary>
internal static class OAuthErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";
    public const string AccessDenied = "access_denied";
    public const string ConsentRequired = "consent_required";
    public const string InteractionRequired = "interaction_required";
    public const string UseDPoPNonce = "use_dpop_nonce";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string ProtocolError = "protocol_error";

    public static OAuthErrorKind Classify(string error) => error switch
    {
        InvalidRequest => OAuthErrorKind.InvalidRequest,
        InvalidClient => OAuthErrorKind.InvalidClient,
        InvalidGrant => OAuthErrorKind.InvalidGrant,
        InvalidScope => OAuthErrorKind.InvalidScope,
        InvalidTarget => OAuthErrorKind.InvalidTarget,
        AccessDenied => OAuthErrorKind.AccessDenied,
        ConsentRequired or InteractionRequired => OAuthErrorKind.ConsentRequired,
        ServerError or TemporarilyUnavailable => OAuthErrorKind.ServerError,
        ProtocolError => OAuthErrorKind.ProtocolError,
        _ => OAuthErrorKind.Other,
    };
}
