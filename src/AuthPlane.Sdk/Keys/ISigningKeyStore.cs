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
}
