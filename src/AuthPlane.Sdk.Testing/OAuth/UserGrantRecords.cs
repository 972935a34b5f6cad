namespace AuthPlane.Sdk.Testing.OAuth;

// An authorization request waiting on the consent page, bound to the browser session that opened it.
internal sealed record PendingAuthorization(
    RegisteredClient Client,
    string RedirectUri,
    string? State,
    string CodeChallenge,
    string Resource,
    IReadOnlyList<string> RequestedScopes,
    string? DPoPJkt,
    string Session,
    DateTimeOffset ExpiresAt);

// An issued authorization code; redeemable once (RFC 6749 §4.1.2), until ExpiresAt.
internal sealed class AuthorizationCode(PendingAuthorization request, string subject, IReadOnlyList<string> scopes, DateTimeOffset expiresAt)
{
    private int _redeemed;

    public PendingAuthorization Request { get; } = request;

    public string Subject { get; } = subject;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    // The family of tokens issued for this code, so that a second redemption can revoke it.
    public RefreshFamily? Family { get; set; }

    // True for the first caller only.
    public bool TryRedeem() => Interlocked.Exchange(ref _redeemed, 1) == 0;
}

// The tokens descending from one authorization: each refresh rotates the refresh token; presenting a used one
// revokes the whole family, its access tokens included (RFC 9700 §4.14.2).
internal sealed class RefreshFamily(string clientId, string subject, string resource, IReadOnlyList<string> scopes, string? jkt)
{
    private readonly Lock _gate = new();
    private readonly List<string> _accessTokenIds = [];

    public string ClientId { get; } = clientId;

    public string Subject { get; } = subject;

    public string Resource { get; } = resource;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    // The DPoP key a public client's refresh tokens are bound to (RFC 9449 §5); null when unbound.
    public string? Jkt { get; } = jkt;

    public bool IsRevoked { get; private set; }

    public void AddAccessToken(string jti)
    {
        lock (_gate)
        {
            _accessTokenIds.Add(jti);
        }
    }

    // Marks the family revoked and returns the jtis of its access tokens.
    public IReadOnlyList<string> Revoke()
    {
        lock (_gate)
        {
            IsRevoked = true;
            return [.. _accessTokenIds];
        }
    }
}

// One refresh token of a family; used once.
internal sealed class RefreshTokenEntry(RefreshFamily family, DateTimeOffset expiresAt)
{
    private int _used;

    public RefreshFamily Family { get; } = family;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool TryUse() => Interlocked.Exchange(ref _used, 1) == 0;
}
