namespace AuthPlane.Sdk.Client;

/// <summary>
/// Settings of the outbound AuthPlane OAuth client (token exchange, client credentials, introspection,
/// revocation). The client id, secret and dev mode come from <see cref="AuthPlaneOptions"/>.
/// </summary>
public sealed class AuthPlaneClientOptions
{
    /// <summary>Lifetime assumed for a token whose response has no <c>expires_in</c>; 5 minutes by default.</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before its expiry a cached exchanged token stops being handed out; 30 seconds by default.</summary>
    public TimeSpan CacheExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most exchanged tokens kept in the cache; 1,024 by default.</summary>
    public int CacheSize { get; set; } = 1024;

    /// <summary>Time limit of one client operation, spanning both attempts when a DPoP nonce retry happens; 30 seconds by default.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one HTTP attempt, enforced by the resilience pipeline; 10 seconds by default.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failing calls (5xx or transport failures) within the sampling window that opens the circuit; 0.5 by default.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Least number of calls within the sampling window before the circuit can open; 10 by default (at least 2).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The circuit breaker's sampling window; 30 seconds by default.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call; 30 seconds by default.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body accepted from the authority, in bytes; 64 KiB by default.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>Sends a DPoP proof (RFC 9449) with every token-endpoint call and requires DPoP-bound tokens back. Off by default.</summary>
    public bool UseDPoP { get; set; }

    /// <summary>The <c>exp</c> of generated DPoP proofs, relative to their <c>iat</c>; 60 seconds by default.</summary>
    public TimeSpan DPoPProofLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
