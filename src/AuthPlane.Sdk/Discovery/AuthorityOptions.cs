namespace AuthPlane.Sdk.Discovery;

/// <summary>How the SDK fetches and caches the authority's metadata (RFC 8414) and JWKS.</summary>
public sealed class AuthorityOptions
{
    /// <summary>How long fetched authorization-server metadata is used before it is fetched again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lower bound on the JWKS lifetime taken from <c>Cache-Control</c>.</summary>
    public TimeSpan MinKeysLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound on the JWKS lifetime taken from <c>Cache-Control</c>; also the lifetime when the header is absent.</summary>
    public TimeSpan MaxKeysLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Least time between two JWKS refreshes caused by unknown <c>kid</c> values (per issuer).</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one metadata or JWKS request.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest metadata or JWKS response accepted, in bytes.</summary>
    public int MaxResponseBytes { get; set; } = 512 * 1024;

    /// <summary>Wait before retrying after a failed metadata or JWKS fetch; doubled after each further failure. 5 seconds by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between retries after repeated failures; 5 minutes by default.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the last good JWKS keeps being used after its last successful fetch while the authority cannot be
    /// reached; 24 hours by default. After that, requests are answered 503 until a fetch succeeds, so keys the
    /// authority may have withdrawn are not trusted forever.
    /// </summary>
    public TimeSpan MaxKeysAge { get; set; } = TimeSpan.FromHours(24);
}
