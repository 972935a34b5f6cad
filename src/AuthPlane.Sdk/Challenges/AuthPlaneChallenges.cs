using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Metadata;

namespace AuthPlane.Sdk.Challenges;

/// <summary>
/// Builds every 400/401/403/503 answer of the configured resource (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1).
/// Everything that does not depend on the request (the no-credentials challenge and each rejection per scheme) is
/// computed once.
/// </summary>
/// <remarks>
/// Scheme rule: DPoP proof and nonce errors are always challenged with <c>DPoP</c>; otherwise the scheme the
/// client used, except that a resource with DPoP <see cref="DPoPMode.Disabled"/> only offers <c>Bearer</c> and
/// one with DPoP <see cref="DPoPMode.Required"/> only offers <c>DPoP</c>. Every challenge carries
/// <c>resource_metadata</c> (the MCP authorization spec asks for it on each 401); <c>scope</c> appears on the
/// no-credentials and <c>insufficient_scope</c> challenges.
/// </remarks>
internal sealed class AuthPlaneChallenges
{
    /// <summary>The default <c>Retry-After</c> of 503 answers.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(10);

    private const string InsufficientScopeDescription = "The access token lacks a scope this request requires";

    private static readonly int ReasonCount = Enum.GetValues<RejectionReason>().Length;

    private readonly DPoPMode _mode;
    private readonly string _realm;
    private readonly string _algs;
    private readonly string _resourceMetadata;
    private readonly TimeSpan _retryAfter;
    private readonly IReadOnlyList<string> _scopesSupported;
    private readonly AuthPlaneErrorResponse?[] _bearerRejections;
    private readonly AuthPlaneErrorResponse?[] _dpopRejections;
    private readonly AuthPlaneErrorResponse?[] _unavailable;
    private readonly AuthPlaneErrorResponse _unavailableUnknown;

    /// <summary>Precomputes the answers of the resource configured in <paramref name="options"/>.</summary>
    /// <param name="options">The resource server's options; <see cref="AuthPlaneOptions.Resource"/> must be an absolute URI.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of 503 answers; <see cref="DefaultRetryAfter"/> when null.</param>
    public AuthPlaneChallenges(AuthPlaneOptions options, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Resource);
        _retryAfter = retryAfter ?? DefaultRetryAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_retryAfter, TimeSpan.Zero, nameof(retryAfter));
        _mode = options.DPoP.Mode;
        _realm = string.IsNullOrEmpty(options.Realm) ? options.Resource : options.Realm;
        _algs = string.Join(' ', options.DPoP.AllowedAlgorithms);
        _resourceMetadata = ProtectedResourceMetadataDocument.GetMetadataUrl(options.Resource);
        _scopesSupported = options.Scopes;
        NoCredentials = BuildNoCredentials(string.Join(' ', options.Scopes));
        _bearerRejections = new AuthPlaneErrorResponse?[ReasonCount];
        _dpopRejections = new AuthPlaneErrorResponse?[ReasonCount];
        _unavailable = new AuthPlaneErrorResponse?[ReasonCount];
        _unavailableUnknown = Unavailable("The request could not be verified now");
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            if (reason == RejectionReason.None)
            {
                continue;
            }

            if (reason.IsUnavailable())
            {
                _unavailable[(int)reason] = Unavailable(reason.Description());
                continue;
            }

            _bearerRejections[(int)reason] = BuildRejection(reason, AuthPlaneTokenSchemes.Bearer);
            _dpopRejections[(int)reason] = BuildRejection(reason, AuthPlaneTokenSchemes.DPoP);
        }
    }

    /// <summary>The 401 answer to a request without credentials: <c>Bearer</c> and/or <c>DPoP</c> per the DPoP mode, no error.</summary>
    public AuthPlaneErrorResponse NoCredentials { get; }

    /// <summary>
    /// The 401 answer to a request without credentials for a target that needs <paramref name="requiredScopes"/>:
    /// as <see cref="NoCredentials"/>, with <c>scope</c> = the supported scopes followed by each required one not yet listed.
    /// </summary>
    public AuthPlaneErrorResponse NoCredentialsFor(IEnumerable<string> requiredScopes)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);
        return BuildNoCredentials(string.Join(' ', _scopesSupported.Concat(requiredScopes).Distinct(StringComparer.Ordinal)));
    }

    /// <summary>The answer to credentials rejected for <paramref name="reason"/>, presented with <paramref name="clientScheme"/>.</summary>
    /// <param name="reason">Why the credentials were rejected.</param>
    /// <param name="clientScheme">The scheme the client used (<c>Bearer</c> or <c>DPoP</c>), null when unknown.</param>
    public AuthPlaneErrorResponse ForRejection(RejectionReason reason, string? clientScheme)
    {
        if (reason == RejectionReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "None is not a rejection.");
        }

        if (reason.IsUnavailable())
        {
            return ForUnavailable(reason);
        }

        var scheme = ChallengeScheme(reason, clientScheme);
        var table = scheme == AuthPlaneTokenSchemes.DPoP ? _dpopRejections : _bearerRejections;
        return table[(int)reason]!;
    }

    /// <summary>The 503 answer when the check could not be made: no challenge, <c>Retry-After</c>, <c>temporarily_unavailable</c>.</summary>
    public AuthPlaneErrorResponse ForUnavailable(RejectionReason reason) =>
        reason != RejectionReason.None && (int)reason < ReasonCount && _unavailable[(int)reason] is { } response ? response : _unavailableUnknown;

    /// <summary>
    /// The 403 <c>insufficient_scope</c> answer. <c>scope</c> lists the granted scopes in order, then each
    /// missing required scope, without duplicates.
    /// </summary>
    public AuthPlaneErrorResponse ForInsufficientScope(string? clientScheme, IEnumerable<string> granted, IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(required);
        var scope = string.Join(' ', granted.Concat(required).Distinct(StringComparer.Ordinal));
        var scheme = ChallengeScheme(RejectionReason.None, clientScheme);
        var challenge = Challenge(scheme, AuthPlaneErrorCodes.InsufficientScope, InsufficientScopeDescription, scope);
        return new AuthPlaneErrorResponse(403, [challenge], AuthPlaneErrorCodes.InsufficientScope, InsufficientScopeDescription);
    }

    private AuthPlaneErrorResponse Unavailable(string description) =>
        new(503, [], AuthPlaneErrorCodes.TemporarilyUnavailable, description, _retryAfter);

    private AuthPlaneErrorResponse BuildNoCredentials(string scope)
    {
        var challenges = _mode switch
        {
            DPoPMode.Disabled => new[] { Challenge(AuthPlaneTokenSchemes.Bearer, null, null, scope) },
            DPoPMode.Required => [Challenge(AuthPlaneTokenSchemes.DPoP, null, null, scope)],
            _ => [Challenge(AuthPlaneTokenSchemes.Bearer, null, null, scope), Challenge(AuthPlaneTokenSchemes.DPoP, null, null, scope)],
        };
        // RFC 6750 §3.1: a request without authentication information gets no error code, in the challenge or the body.
        return new AuthPlaneErrorResponse(401, challenges, null, "An access token is required");
    }

    private AuthPlaneErrorResponse BuildRejection(RejectionReason reason, string scheme)
    {
        var error = reason.ErrorCode();
        var description = reason.Description();
        return new AuthPlaneErrorResponse(reason.StatusCode(), [Challenge(scheme, error, description, null)], error, description);
    }

    private string ChallengeScheme(RejectionReason reason, string? clientScheme)
    {
        if (reason != RejectionReason.None && reason.ErrorCode() is AuthPlaneErrorCodes.InvalidDPoPProof or AuthPlaneErrorCodes.UseDPoPNonce)
        {
            return AuthPlaneTokenSchemes.DPoP;
        }

        return _mode switch
        {
            DPoPMode.Disabled => AuthPlaneTokenSchemes.Bearer,
            DPoPMode.Required => AuthPlaneTokenSchemes.DPoP,
            _ => string.Equals(clientScheme, AuthPlaneTokenSchemes.DPoP, StringComparison.OrdinalIgnoreCase)
                ? AuthPlaneTokenSchemes.DPoP
                : AuthPlaneTokenSchemes.Bearer,
        };
    }

    private string Challenge(string scheme, string? error, string? description, string? scope) =>
        WwwAuthenticateFormatter.Format(
            scheme,
            realm: _realm,
            algs: scheme == AuthPlaneTokenSchemes.DPoP ? _algs : null,
            error: error,
            errorDescription: description,
            scope: scope,
            resourceMetadata: _resourceMetadata);
}
