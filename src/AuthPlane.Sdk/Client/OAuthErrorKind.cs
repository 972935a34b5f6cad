namespace AuthPlane.Sdk.Client;

/// <summary>The OAuth error an authority answered with, so callers can tell the cases apart without comparing strings.</summary>
public enum OAuthErrorKind
{
    /// <summary>An error code the SDK does not classify; see <see cref="AuthPlaneOAuthException.Error"/>.</summary>
    Other,

    /// <summary><c>invalid_request</c>: the request was malformed.</summary>
    InvalidRequest,

    /// <summary><c>invalid_client</c>: this server's client authentication failed.</summary>
    InvalidClient,

    /// <summary><c>invalid_grant</c>: the subject token or grant is invalid, expired or revoked.</summary>
    InvalidGrant,

    /// <summary><c>invalid_scope</c>: a requested scope is invalid or exceeds what may be granted.</summary>
    InvalidScope,

    /// <summary><c>invalid_target</c> (RFC 8707): the requested resource or audience is not acceptable.</summary>
    InvalidTarget,

    /// <summary><c>access_denied</c>: the authority refused by policy.</summary>
    AccessDenied,

    /// <summary><c>consent_required</c> or <c>interaction_required</c> (with or without a consent URL).</summary>
    ConsentRequired,

    /// <summary>A 5xx answer, a transport failure, a timeout or an open circuit.</summary>
    ServerError,

    /// <summary>The authority's answer broke the protocol (malformed body, missing or invalid field).</summary>
    ProtocolError,
}
