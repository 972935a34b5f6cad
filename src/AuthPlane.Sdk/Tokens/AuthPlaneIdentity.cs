using System.Security.Claims;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// The identity of a caller authenticated by an AuthPlane access token. By default it carries every verified claim
/// (arrays as one claim per value, objects as JSON, one <c>scope</c> claim per granted scope, <c>sub</c> also as
/// <see cref="ClaimTypes.NameIdentifier"/>, which the MCP SDK binds stateful sessions to); with the mapping off,
/// only <c>sub</c>, <c>NameIdentifier</c>, <c>client_id</c> and the scopes. The whole <see cref="VerifiedToken"/>
/// stays reachable through <see cref="Token"/>.
/// </summary>
/// <remarks>
/// The token's claims are built once per <see cref="VerifiedToken"/> and shared, read-only, by every identity made
/// from it (a cached token costs no claim objects per request); their <see cref="Claim.Subject"/> is null. Claims
/// added later with <see cref="ClaimsIdentity.AddClaim"/> belong to this identity only.
/// </remarks>
public sealed class AuthPlaneIdentity : ClaimsIdentity
{
    /// <summary>The authentication type (and default ASP.NET Core scheme name) of AuthPlane identities.</summary>
    public const string AuthenticationTypeName = "AuthPlane";

    /// <summary>The claim type of each granted scope.</summary>
    public const string ScopeClaimType = "scope";

    /// <summary>The claim type of the OAuth client id.</summary>
    public const string ClientIdClaimType = "client_id";

    /// <summary>The claim type of the subject.</summary>
    public const string SubjectClaimType = "sub";

    private readonly IReadOnlyList<Claim> _tokenClaims;

    /// <summary>Creates the identity of <paramref name="token"/> with every verified claim.</summary>
    public AuthPlaneIdentity(VerifiedToken token)
        : this(token, mapAllClaims: true)
    {
    }

    /// <summary>Creates the identity of <paramref name="token"/>; <paramref name="mapAllClaims"/> false keeps only the identity claims and scopes.</summary>
    public AuthPlaneIdentity(VerifiedToken token, bool mapAllClaims)
        : base(authenticationType: AuthenticationTypeName, nameType: SubjectClaimType, roleType: "role")
    {
        ArgumentNullException.ThrowIfNull(token);
        Token = token;
        _tokenClaims = token.GetClaims(mapAllClaims);
    }

    private AuthPlaneIdentity(AuthPlaneIdentity other)
        : base(other)
    {
        Token = other.Token;
        _tokenClaims = other._tokenClaims;
    }

    /// <summary>The verified access token behind this identity.</summary>
    public VerifiedToken Token { get; }

    /// <inheritdoc />
    public override IEnumerable<Claim> Claims
    {
        get
        {
            foreach (var claim in _tokenClaims)
            {
                yield return claim;
            }

            foreach (var claim in base.Claims)
            {
                yield return claim;
            }
        }
    }

    /// <inheritdoc />
    public override ClaimsIdentity Clone() => new AuthPlaneIdentity(this);
}
