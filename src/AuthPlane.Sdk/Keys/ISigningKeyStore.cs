namespace AuthPlane.Sdk.Keys;

/// <summary>Supplies the issuer's signing keys by <c>kid</c>, from a cached, refreshed JWKS.</summary>
internal interface ISigningKeyStore
{
    /// <summary>Finds the key for <paramref name="keyId"/> able to verify <paramref name="algorithm"/>; never throws for expected outcomes.</summary>
    ValueTask<KeyLookupResult> FindAsync(string keyId, JwsAlgorithm algorithm, CancellationToken cancellationToken);
}
