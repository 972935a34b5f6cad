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

    /// <summary>Most live entries the in-memory replay cache holds; when full it fails closed.</summary>
    public int ReplayCacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Accepts proofs unchecked for replay when the replay store cannot be reached. Off by default
    /// (fail closed: such requests are answered 503); every fail-open decision is logged.
    /// </summary>
    public bool ReplayStoreFailOpen { get; set; }
}
