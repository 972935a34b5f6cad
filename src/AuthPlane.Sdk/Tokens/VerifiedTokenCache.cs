using AuthPlane.Sdk.Keys;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Verified access tokens by the SHA-256 of the token: a fixed array of 4-way sets allocated once, bounded by entry
/// count and by an estimate of the memory the entries hold. A lookup allocates nothing; an insert allocates one small
/// entry. Each entry remembers the JWKS key that verified it, so the caller can refuse a hit whose key has left the
/// JWKS, and its expiry, checked by the caller on every hit.
/// </summary>
/// <remarks>
/// Own code rather than <c>MemoryCache</c>: with 10 000 entries and a stream of never-seen tokens, <c>MemoryCache</c>'s
/// per-entry objects (entry, options, boxed key, expiration bookkeeping) were promoted to generation 2 and died there,
/// causing gen-2 collections; here the only per-entry garbage is the entry itself and the token, and a full set
/// replaces its earliest-expiring entry in place instead of scanning or compacting the whole cache.
/// </remarks>
internal sealed class VerifiedTokenCache
{
    private const int Ways = 4;

    private readonly Entry?[] _slots;
    private readonly int _ways;
    private readonly ulong _sets;
    private readonly long _maxBytes;
    private long _bytes;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> entries holding about <paramref name="maxBytes"/> at most.</summary>
    public VerifiedTokenCache(int capacity, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _ways = Math.Min(Ways, capacity);
        _sets = (ulong)(capacity / _ways);
        _slots = new Entry?[(int)_sets * _ways];
        _maxBytes = maxBytes;
    }

    /// <summary>Entries the cache can hold (the configured size rounded down to whole sets).</summary>
    public int Capacity => _slots.Length;

    /// <summary>The estimated bytes held by the cached tokens.</summary>
    public long EstimatedBytes => Volatile.Read(ref _bytes);

    /// <summary>The entry for <paramref name="token"/> with hash <paramref name="hash"/>, or null.</summary>
    public Entry? Find(TokenHash hash, string token)
    {
        var first = FirstSlot(hash);
        for (var i = first; i < first + _ways; i++)
        {
            var entry = Volatile.Read(ref _slots[i]);
            if (entry is not null && entry.Hash == hash && string.Equals(entry.Token.RawToken, token, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Caches <paramref name="token"/>, verified with <paramref name="key"/>, replacing an empty, expired or else the earliest-expiring entry of its set.</summary>
    public void Store(TokenHash hash, VerifiedToken token, SigningKey key, DateTimeOffset now)
    {
        var entry = new Entry(hash, token, key, EstimateBytes(token));
        var first = FirstSlot(hash);
        var victim = first;
        var victimEntry = Volatile.Read(ref _slots[first]);
        for (var i = first; i < first + _ways; i++)
        {
            var candidate = Volatile.Read(ref _slots[i]);
            if (candidate is null || candidate.Hash == hash || candidate.Token.ExpiresAt <= now)
            {
                (victim, victimEntry) = (i, candidate);
                break;
            }

            if (candidate.Token.ExpiresAt < victimEntry!.Token.ExpiresAt)
            {
                (victim, victimEntry) = (i, candidate);
            }
        }

        var freed = victimEntry?.Bytes ?? 0;
        if (Volatile.Read(ref _bytes) - freed + entry.Bytes > _maxBytes)
        {
            return; // over the memory bound: serve this token uncached rather than grow
        }

        if (ReferenceEquals(Interlocked.CompareExchange(ref _slots[victim], entry, victimEntry), victimEntry))
        {
            Interlocked.Add(ref _bytes, entry.Bytes - freed);
        }
    }

    /// <summary>Drops <paramref name="entry"/> (for example when its key left the JWKS) unless it was already replaced.</summary>
    public void Remove(Entry entry)
    {
        var first = FirstSlot(entry.Hash);
        for (var i = first; i < first + _ways; i++)
        {
            if (ReferenceEquals(Interlocked.CompareExchange(ref _slots[i], null, entry), entry))
            {
                Interlocked.Add(ref _bytes, -entry.Bytes);
                return;
            }
        }
    }

    private int FirstSlot(TokenHash hash) => (int)(hash.Part0 % _sets) * _ways;

    // The raw token (UTF-16), its cloned claims (about the payload's size) and the claim strings read from them.
    private static long EstimateBytes(VerifiedToken token) => (4L * token.RawToken.Length) + 1024;

    /// <summary>A cached token, its hash, the key that verified it and its estimated size.</summary>
    internal sealed class Entry(TokenHash hash, VerifiedToken token, SigningKey key, long bytes)
    {
        public TokenHash Hash { get; } = hash;

        public VerifiedToken Token { get; } = token;

        public SigningKey Key { get; } = key;

        public long Bytes { get; } = bytes;
    }
}
