using System.Security.Claims;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// The identity of a caller authenticated by an AuthPlane access token. It carries <c>sub</c> (also as
/// <see cref="ClaimTypes.NameIdentifier"/>, which the MCP SDK binds stateful sessions to), <c>client_id</c>,
/// one <c>scope</c> claim per granted scope, and the whole <see cref="VerifiedToken"/>.
/// </summary>
public sealed class AuthPlaneIdentity : ClaimsIdentity
{
    /// <summary>The authentication type (and ASP.NET Core scheme name) of AuthPlane identities.</summary>
    public const string AuthenticationTypeName = "AuthPlane";

    /// <summary>The claim type of each granted scope.</summary>
    public const string ScopeClaimType = "scope";

    /// <summary>The claim type of the OAuth client id.</summary>
    public const string ClientIdClaimType = "client_id";

    /// <summary>The claim type of the subject.</summary>
    public const string SubjectClaimType = "sub";

    /// <summary>Creates the identity of <paramref name="token"/>.</summary>
    public AuthPlaneIdentity(VerifiedToken token)
        : base(CreateClaims(token), AuthenticationTypeName, SubjectClaimType, "role")
    {
        Token = token;
    }

    private AuthPlaneIdentity(AuthPlaneIdentity other)
        : base(other)
    {
        Token = other.Token;
    }

    /// <summary>The verified access token behind this identity.</summary>
    public VerifiedToken Token { get; }

    /// <inheritdoc />
    public override ClaimsIdentity Clone() => new AuthPlaneIdentity(this);

    private static List<Claim> CreateClaims(VerifiedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var issuer = token.Issuer;
        var claims = new List<Claim>(3 + token.Scopes.Count)
        {
            new(SubjectClaimType, token.Subject, ClaimValueTypes.String, issuer),
            new(ClaimTypes.NameIdentifier, token.Subject, ClaimValueTypes.String, issuer),
            new(ClientIdClaimType, token.ClientId, ClaimValueTypes.String, issuer),
        };
        foreach (var scope in token.Scopes)
        {
            claims.Add(new Claim(ScopeClaimType, scope, ClaimValueTypes.String, issuer));
        }

        return claims;
    }
}
