namespace AuthPlane.Sdk.Keys;

/// <summary>Supplies the issuer's signing keys by <c>kid</c>, from a cached, refreshed JWKS.</summary>
internal interface ISigningKeyStore
{
    /// <summary>Finds the key for <paramref name="keyId"/> able to verify <paramref name="algorithm"/>; never throws for expected outcomes.</summary>
    ValueTask<KeyLookupResult> FindAsync(string keyId, JwsAlgorithm algorithm, CancellationToken cancellationToken);

    /// <summary>
    /// True when <paramref name="key"/> is still in the current key set and that set may still be used; a cached
    /// verification made with a key that left the JWKS must not be trusted any more. Synchronous and allocation-free.
    /// </summary>
    bool IsCurrent(SigningKey key);

    /// <summary>Whether keys are loaded, and whether they are within their cache lifetime (for health reporting).</summary>
    SigningKeyStoreStatus Status { get; }

    /// <summary>When the JWKS was last fetched successfully; <see langword="null"/> before the first success.</summary>
    DateTimeOffset? LastSuccessfulFetch { get; }

    /// <summary>
    /// Loads the keys now unless they are loaded and not yet due for a refresh, through the one refresh gate (so it
    /// joins a fetch in flight and respects the back-off), and answers the resulting status. For start-up warm-up
    /// and health checks; never throws for an unreachable authority.
    /// </summary>
    ValueTask<SigningKeyStoreStatus> LoadAsync(CancellationToken cancellationToken);
}

/// <summary>The state of the signing keys, as a health check reports it.</summary>
internal enum SigningKeyStoreStatus
{
    /// <summary>No keys, or the last good ones are past their maximum age: tokens are answered with 503.</summary>
    Unavailable,

    /// <summary>Keys are in use past their cache lifetime because refreshes fail (the last good keys).</summary>
    Stale,

    /// <summary>Keys are loaded and within their cache lifetime.</summary>
    Fresh,
}
