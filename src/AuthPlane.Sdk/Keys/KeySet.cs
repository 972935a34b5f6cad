namespace AuthPlane.Sdk.Keys;

/// <summary>An immutable snapshot of the issuer's JWKS as last fetched successfully.</summary>
internal sealed class KeySet
{
    private readonly Dictionary<string, SigningKey[]> _keys;

    public KeySet(Dictionary<string, SigningKey[]> keys, Uri source, DateTimeOffset refreshAt, DateTimeOffset expiresAt)
    {
        _keys = keys;
        Source = source;
        RefreshAt = refreshAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The <c>jwks_uri</c> the keys came from.</summary>
    public Uri Source { get; }

    /// <summary>When a background refresh should start (before <see cref="ExpiresAt"/>).</summary>
    public DateTimeOffset RefreshAt { get; }

    /// <summary>The end of the lifetime from <c>Cache-Control</c>, clamped to the configured bounds.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>True when some key carries <paramref name="keyId"/> (usable or not).</summary>
    public bool Contains(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>True when <paramref name="key"/> itself (the same imported instance) is in this set.</summary>
    public bool Contains(SigningKey key) => _keys.TryGetValue(key.KeyId, out var candidates) && Array.IndexOf(candidates, key) >= 0;

    /// <summary>Finds the key for <paramref name="keyId"/> that may verify <paramref name="algorithm"/>.</summary>
    public KeyLookupResult Find(string keyId, JwsAlgorithm algorithm)
    {
        if (!_keys.TryGetValue(keyId, out var candidates))
        {
            return new KeyLookupResult(KeyLookupStatus.Unknown, null);
        }

        foreach (var candidate in candidates)
        {
            if (candidate.CanVerify(algorithm))
            {
                return new KeyLookupResult(KeyLookupStatus.Found, candidate);
            }
        }

        return new KeyLookupResult(KeyLookupStatus.NotUsable, null);
    }

    /// <summary>The already-imported key with the same <c>kid</c> and JWK content, for reuse across refreshes.</summary>
    public SigningKey? FindByFingerprint(string keyId, string fingerprint)
    {
        if (_keys.TryGetValue(keyId, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
