namespace AuthPlane.Sdk.Diagnostics;

/// <summary>Tag (attribute) names and values the SDK's metrics and spans carry. Never a token, a proof or a secret.</summary>
public static class AuthPlaneTelemetryTags
{
    /// <summary>The outcome of an operation (see the <c>Result*</c> values).</summary>
    public const string Result = "authplane.result";

    /// <summary>The <see cref="Errors.RejectionReason"/> member name of a rejection.</summary>
    public const string Reason = "authplane.reason";

    /// <summary>The ASP.NET Core authentication scheme name (for example <c>AuthPlane</c>).</summary>
    public const string AuthenticationScheme = "authplane.authentication_scheme";

    /// <summary>The HTTP authorization scheme the client used: <c>Bearer</c> or <c>DPoP</c>.</summary>
    public const string TokenScheme = "authplane.token_scheme";

    /// <summary>The token's <c>client_id</c> (on spans only; unbounded values stay off metrics).</summary>
    public const string ClientId = "authplane.client_id";

    /// <summary>The <c>kid</c> of the signing key (on spans only).</summary>
    public const string KeyId = "authplane.kid";

    /// <summary>The authority document fetched: <c>metadata</c> or <c>jwks</c>.</summary>
    public const string Document = "authplane.document";

    /// <summary>Whether a cache lookup was a <c>hit</c> or a <c>miss</c>.</summary>
    public const string CacheResult = "authplane.cache.result";

    /// <summary>Result value: the operation succeeded.</summary>
    public const string ResultSuccess = "success";

    /// <summary>Result value: the credentials or the request were refused.</summary>
    public const string ResultRejected = "rejected";

    /// <summary>Result value: the server could not decide (authority, replay store or introspection unreachable).</summary>
    public const string ResultUnavailable = "unavailable";

    /// <summary>Result value: the request carried no credentials for this scheme.</summary>
    public const string ResultNoCredentials = "no_credentials";

    /// <summary>Result value: a fetch or exchange failed.</summary>
    public const string ResultFailure = "failure";

    /// <summary>Result value: a token exchange needs the user's consent (-32042).</summary>
    public const string ResultConsentRequired = "consent_required";

    /// <summary>Document value: RFC 8414 authorization-server metadata.</summary>
    public const string DocumentMetadata = "metadata";

    /// <summary>Document value: the JWKS.</summary>
    public const string DocumentJwks = "jwks";
}
