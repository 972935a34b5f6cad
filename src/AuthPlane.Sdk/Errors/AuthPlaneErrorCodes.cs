namespace AuthPlane.Sdk.Errors;

/// <summary>The OAuth error codes the resource server puts on the wire (RFC 6750 §3.1, RFC 9449 §7.1, §8).</summary>
public static class AuthPlaneErrorCodes
{
    /// <summary>The request is malformed (HTTP 400).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The access token is expired, revoked, malformed or not for this resource (HTTP 401).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>The DPoP proof is invalid (HTTP 401).</summary>
    public const string InvalidDPoPProof = "invalid_dpop_proof";

    /// <summary>The DPoP proof must carry a fresh server nonce (HTTP 401 with <c>DPoP-Nonce</c>).</summary>
    public const string UseDPoPNonce = "use_dpop_nonce";

    /// <summary>The token lacks a scope the request needs (HTTP 403).</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>The authority or a store the check needs is unreachable (HTTP 503).</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";
}
