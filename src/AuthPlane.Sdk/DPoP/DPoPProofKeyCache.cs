using System.Collections.Concurrent;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Imported DPoP proof keys by the SHA-256 of the proof's <c>jwk</c> header member as sent, with the key's RFC 7638
/// thumbprint, so repeated proofs of one client neither re-import its key nor recompute its thumbprint. This is the
/// hot path the DPoP benchmark (bench/) measures against a per-request key-import baseline.
/// </summary>
/// <remarks>
/// Identical <c>jwk</c> bytes read to the identical key, so a hit for the same <c>alg</c> needs no second reading.
/// Only keys whose thumbprint matched an issued token's <c>cnf.jkt</c> and whose signature verified are added, so an
/// attacker cannot fill the cache with keys of their own choosing. Bounded by
/// <see cref="DPoPOptions.ProofKeyCacheCapacity"/>: when full, the least recently used eighth is dropped. Dropped keys
/// are not disposed (a concurrent request may be verifying with one); their handles are released by the finalizer.
/// Verification takes no lock: see <see cref="DPoPProofKey"/>.
/// </remarks>
internal sealed class DPoPProofKeyCache : IDisposable
{
    private readonly ConcurrentDictionary<TokenHash, Entry> _keys = new();
    private readonly Lock _eviction = new();
    private readonly int _capacity;
    private long _clock;

    public DPoPProofKeyCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>How many keys are held.</summary>
    public int Count => _keys.Count;

    /// <summary>The key read from the <c>jwk</c> whose hash is <paramref name="jwkHash"/> for proofs signed with <paramref name="algorithm"/>.</summary>
    public bool TryGet(TokenHash jwkHash, string algorithm, out string? thumbprint, out DPoPProofKey? key)
    {
        if (_keys.TryGetValue(jwkHash, out var entry) && string.Equals(entry.Algorithm, algorithm, StringComparison.Ordinal))
        {
            Volatile.Write(ref entry.LastUsed, Interlocked.Increment(ref _clock));
            thumbprint = entry.Thumbprint;
            key = entry.Key;
            return true;
        }

        thumbprint = null;
        key = null;
        return false;
    }

    /// <summary>Keeps <paramref name="key"/>, which verified a proof signed with <paramref name="algorithm"/>; the cache owns it from now on.</summary>
    public void Add(TokenHash jwkHash, string algorithm, string thumbprint, DPoPProofKey key)
    {
        if (_keys.Count >= _capacity)
        {
            EvictLeastRecentlyUsed();
        }

        _keys[jwkHash] = new Entry(algorithm, thumbprint, key) { LastUsed = Interlocked.Increment(ref _clock) };
    }

    public void Dispose()
    {
        foreach (var entry in _keys.Values)
        {
            entry.Key.Dispose();
        }

        _keys.Clear();
    }

    private void EvictLeastRecentlyUsed()
    {
        lock (_eviction)
        {
            if (_keys.Count < _capacity)
            {
                return;
            }

            var entries = _keys.ToArray();
            Array.Sort(entries, static (a, b) => Volatile.Read(ref a.Value.LastUsed).CompareTo(Volatile.Read(ref b.Value.LastUsed)));
            var drop = entries.Length - _capacity + Math.Max(1, _capacity / 8);
            for (var i = 0; i < drop && i < entries.Length; i++)
            {
                _keys.TryRemove(entries[i]);
            }
        }
    }

    private sealed class Entry(string algorithm, string thumbprint, DPoPProofKey key)
    {
        public long LastUsed;

        public string Algorithm { get; } = algorithm;

        public string Thumbprint { get; } = thumbprint;

        public DPoPProofKey Key { get; } = key;
    }
}
