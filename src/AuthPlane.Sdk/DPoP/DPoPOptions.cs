namespace AuthPlane.Sdk.DPoP;

/// <summary>DPoP (RFC 9449) settings of the resource server.</summary>
public sealed class DPoPOptions
{
    /// <summary>Whether DPoP is disabled, allowed (default) or required.</summary>
    public DPoPMode Mode { get; set; } = DPoPMode.Allowed;

    /// <summary>Requires a server-issued nonce in every proof (opt-in).</summary>
    public bool RequireNonce { get; set; }

    /// <summary>Base64 HMAC key (at least 32 bytes) shared by every instance, used to issue and check nonces.</summary>
    public string? NonceKey { get; set; }

    /// <summary>How long an issued nonce is accepted.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Proof signing algorithms accepted; ES256, RS256 and PS256 by default. <c>none</c> and HMAC are never accepted.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; set; } = ["ES256", "RS256", "PS256"];

    /// <summary>Oldest proof accepted, measured from its <c>iat</c>; 300 seconds by default.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How far in the future a proof's <c>iat</c> may lie; 30 seconds by default.</summary>
    public TimeSpan ProofClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest DPoP header accepted, in bytes.</summary>
    public int MaxProofBytes { get; set; } = 8 * 1024;

    /// <summary>The largest <see cref="ReplayCacheCapacity"/> (its table is allocated at start-up).</summary>
    internal const int MaxReplayCacheCapacity = 16_777_216;

    /// <summary>
    /// Most entries the in-memory replay cache holds; 100 000 by default, at most 16 777 216. Size it as proof rate ×
    /// window (<see cref="ProofMaxAge"/> + <see cref="ProofClockSkew"/>, 330 s by default): the default holds ≈ 300
    /// proofs a second. Its table is allocated at start-up, about 64 bytes per entry (≈ 8 MB at the default). When
    /// full, the earliest-expiring entries are evicted and proofs issued before them are refused as too old.
    /// </summary>
    public int ReplayCacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Most in-memory replay-cache entries one proof key (client) may hold once the cache is half full; 10 000 by
    /// default (≈ 30 proofs a second sustained). A key over its quota then evicts its own earliest entries, so one client
    /// cannot take the capacity; below half full the quota is not enforced, so one busy client is never refused while
    /// there is room.
    /// </summary>
    public int ReplayCacheMaxEntriesPerKey { get; set; } = 10_000;

    /// <summary>
    /// Most imported DPoP proof keys kept for reuse; 4 096 by default. When full, the least recently used key is
    /// dropped, so a new client pays one key import and then joins the cache.
    /// </summary>
    public int ProofKeyCacheCapacity { get; set; } = 4096;

    /// <summary>
    /// Accepts proofs unchecked for replay when the replay store cannot be reached. Off by default
    /// (fail closed: such requests are answered 503); every fail-open decision is logged.
    /// </summary>
    public bool ReplayStoreFailOpen { get; set; }
}
