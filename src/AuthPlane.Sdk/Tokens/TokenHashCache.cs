namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// The SDK's one cache style: values by a SHA-256 key (<see cref="TokenHash"/>), each with its own expiry, in a fixed
/// array of 4-way sets allocated once and bounded by entry count and, optionally, by an estimate of the memory the
/// values hold. A lookup allocates nothing and takes no lock; an insert allocates one small entry and replaces an
/// empty, expired or else the earliest-expiring entry of its set, so the cost of a full cache is the same as of an
/// empty one. Used for verified access tokens, introspection answers and exchanged tokens.
/// </summary>
/// <remarks>
/// Own code rather than <c>MemoryCache</c>: with 10 000 entries and a stream of never-seen tokens, <c>MemoryCache</c>'s
/// per-entry objects (entry, options, boxed key, expiration bookkeeping) were promoted to generation 2 and died there,
/// causing gen-2 collections (issue: 34 in 136 s); here the only per-entry garbage is the entry and its value, and
/// nothing scans or compacts the whole cache.
/// </remarks>
/// <typeparam name="TValue">What is cached.</typeparam>
internal sealed class TokenHashCache<TValue>
{
    private const int Ways = 4;

    private readonly Entry?[] _slots;
    private readonly int _ways;
    private readonly ulong _sets;
    private readonly long _maxBytes;
    private long _bytes;
    private int _count;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> entries holding at most <paramref name="maxBytes"/> (as estimated by the caller).</summary>
    public TokenHashCache(int capacity, long maxBytes = long.MaxValue)
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

    /// <summary>Entries held now, expired ones not yet replaced included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The estimated bytes held.</summary>
    public long EstimatedBytes => Volatile.Read(ref _bytes);

    /// <summary>The unexpired entry for <paramref name="hash"/> at <paramref name="now"/>, or null.</summary>
    public Entry? Find(TokenHash hash, DateTimeOffset now)
    {
        var first = FirstSlot(hash);
        for (var i = first; i < first + _ways; i++)
        {
            var entry = Volatile.Read(ref _slots[i]);
            if (entry is not null && entry.Hash == hash)
            {
                return now < entry.ExpiresAt ? entry : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Caches <paramref name="value"/> until <paramref name="expiresAt"/>; does nothing when that is not after
    /// <paramref name="now"/> or when <paramref name="bytes"/> more would exceed the memory bound.
    /// </summary>
    public void Store(TokenHash hash, TValue value, DateTimeOffset expiresAt, DateTimeOffset now, long bytes = 0)
    {
        if (expiresAt <= now)
        {
            return;
        }

        var entry = new Entry(hash, value, expiresAt, bytes);
        var first = FirstSlot(hash);
        var victim = first;
        var victimEntry = Volatile.Read(ref _slots[first]);
        for (var i = first; i < first + _ways; i++)
        {
            var candidate = Volatile.Read(ref _slots[i]);
            if (candidate is null || candidate.Hash == hash || candidate.ExpiresAt <= now)
            {
                (victim, victimEntry) = (i, candidate);
                break;
            }

            if (candidate.ExpiresAt < victimEntry!.ExpiresAt)
            {
                (victim, victimEntry) = (i, candidate);
            }
        }

        var freed = victimEntry?.Bytes ?? 0;
        if (Volatile.Read(ref _bytes) - freed + bytes > _maxBytes)
        {
            return; // over the memory bound: serve this value uncached rather than grow
        }

        if (ReferenceEquals(Interlocked.CompareExchange(ref _slots[victim], entry, victimEntry), victimEntry))
        {
            Interlocked.Add(ref _bytes, bytes - freed);
            if (victimEntry is null)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    /// <summary>Drops <paramref name="entry"/> (for example when what it vouches for was withdrawn) unless it was already replaced.</summary>
    public void Remove(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var first = FirstSlot(entry.Hash);
        for (var i = first; i < first + _ways; i++)
        {
            if (ReferenceEquals(Interlocked.CompareExchange(ref _slots[i], null, entry), entry))
            {
                Interlocked.Add(ref _bytes, -entry.Bytes);
                Interlocked.Decrement(ref _count);
                return;
            }
        }
    }

    private int FirstSlot(TokenHash hash) => (int)(hash.Part0 % _sets) * _ways;

    /// <summary>One cached value with its key, expiry and estimated size; immutable, so a reader never sees it torn.</summary>
    internal sealed class Entry(TokenHash hash, TValue value, DateTimeOffset expiresAt, long bytes)
    {
        public TokenHash Hash { get; } = hash;

        public TValue Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public long Bytes { get; } = bytes;
    }
}
