using System.Security.Claims;
using System.Text.Json;

namespace AuthPlane.Sdk.Tokens;

/// <summary>An access token whose signature, issuer, audience, type and times were verified (RFC 9068).</summary>
public sealed class VerifiedToken
{
    private Claim[]? _allClaims;
    private Claim[]? _identityClaims;

    /// <summary>
    /// The verifier's success results for this token without a DPoP nonce, per scheme (immutable, so a cached token
    /// is answered with the same instance on every request); set by <see cref="Verification.AuthPlaneRequestVerifier"/>.
    /// </summary>
    internal Verification.RequestVerificationResult? AuthenticatedAsBearer;

    /// <inheritdoc cref="AuthenticatedAsBearer"/>
    internal Verification.RequestVerificationResult? AuthenticatedAsDPoP;

    /// <summary>The compact token as presented.</summary>
    public required string RawToken { get; init; }

    /// <summary>The <c>iss</c> claim, equal to the configured issuer.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>sub</c> claim.</summary>
    public required string Subject { get; init; }

    /// <summary>The <c>client_id</c> claim.</summary>
    public required string ClientId { get; init; }

    /// <summary>Every <c>aud</c> value (a single string becomes one element).</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The granted scopes, split from the space-delimited <c>scope</c> claim; empty when absent.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The <c>jti</c> claim.</summary>
    public required string TokenId { get; init; }

    /// <summary>The <c>kid</c> of the key that signed the token.</summary>
    public required string KeyId { get; init; }

    /// <summary>The <c>alg</c> the token was signed with.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The <c>iat</c> claim.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>exp</c> claim.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The <c>nbf</c> claim, when present.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The RFC 7638 thumbprint in <c>cnf.jkt</c> when the token is DPoP-bound; otherwise null.</summary>
    public string? ConfirmationThumbprint { get; init; }

    /// <summary>The <c>act</c> delegation chain (RFC 8693 §4.1), outermost actor first; empty when absent.</summary>
    public IReadOnlyList<TokenActor> ActorChain { get; init; } = [];

    /// <summary>AuthPlane's <c>agent_id</c> claim, when present.</summary>
    public string? AgentId { get; init; }

    /// <summary>AuthPlane's <c>agent_chain</c> claim (agent identifiers, outermost first), empty when absent.</summary>
    public IReadOnlyList<string> AgentChain { get; init; } = [];

    /// <summary>Every claim of the payload, as verified.</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>The SHA-256 of <see cref="RawToken"/> when the verifier computed it (its cache key), so a DPoP <c>ath</c> check need not hash the token again.</summary>
    internal TokenHash? Hash { get; set; }

    /// <summary>True when the token carries <c>cnf.jkt</c> and therefore needs a DPoP proof.</summary>
    public bool IsDPoPBound => ConfirmationThumbprint is not null;

    /// <summary>True when every scope in <paramref name="required"/> was granted (exact, case-sensitive match).</summary>
    public bool HasScopes(IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        foreach (var scope in required)
        {
            if (!Scopes.Contains(scope, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The claims of this token, built on first use and then shared (the token is immutable, and a cached token
    /// is seen by many requests): every claim, or with <paramref name="all"/> false only the identity claims and scopes.
    /// </summary>
    internal IReadOnlyList<Claim> GetClaims(bool all) => all
        ? _allClaims ??= TokenClaimMapper.All(this)
        : _identityClaims ??= TokenClaimMapper.Minimal(this);
}
