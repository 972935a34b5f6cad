using System.Collections.Concurrent;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// The default, single-instance DPoP replay cache. Bounded two ways, without ever accepting a proof twice:
/// <list type="bullet">
/// <item>at most <see cref="DPoPOptions.ReplayCacheCapacity"/> entries: when full, the earliest-expiring eighth is
/// evicted and the cache's minimum acceptable <c>iat</c> is raised above every evicted proof, so an evicted proof
/// answers <see cref="ReplayCheckResult.TooOld"/> instead of being accepted again;</item>
/// <item>once the cache is half full, at most <see cref="DPoPOptions.ReplayCacheMaxEntriesPerKey"/> entries per proof
/// key (thumbprint): a key over its quota then evicts its own earliest-expiring quarter and raises a floor of its own,
/// so one client cannot take the capacity from the others. Below half full the quota is not enforced, so a single
/// busy client is never refused while there is room.</item>
/// </list>
/// Size it as capacity = proof rate × window, where the window is <see cref="DPoPOptions.ProofMaxAge"/> +
/// <see cref="DPoPOptions.ProofClockSkew"/> (330 s by default): 100 000 entries hold ≈ 300 proofs a second.
/// </summary>
/// <remarks>
/// The proofs live in a <see cref="ReplayTable{TOwner}"/>: no object per proof and no lock on insert (see there for
/// why an insert is exactly once); a cache-wide lock is taken only to evict, which happens once per eighth of the
/// capacity (or quarter of a key's quota), and to sweep expired entries every 10 seconds. Exactly-once under
/// eviction: an eviction raises the floor before it removes an entry, and an insert reads the floors after its
/// entry became visible, so a replay that finds its earlier entry gone always sees the raised floor. Servers running
/// several instances use the Redis cache of <c>AuthPlane.Sdk.Redis</c> instead.
/// </remarks>
internal sealed class InMemoryDPoPReplayCache : IDPoPReplayCache
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ReplayTable<KeyQuota> _table;
    private readonly ConcurrentDictionary<string, KeyQuota> _keys = new(StringComparer.Ordinal);
    private readonly Lock _maintenance = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly int _perKeyCapacity;
    private readonly int _nearlyFull;
    private readonly int _quotaEnforcedFrom;
    private int _count;
    private int _warned;
    private long _floor = long.MinValue; // Unix seconds: a proof with iat below it is refused as too old
    private long _nextSweepTicks;

    /// <summary>Creates the cache with the bounds of <see cref="DPoPOptions"/>.</summary>
    /// <param name="options">The AuthPlane options (<see cref="AuthPlaneOptions.DPoP"/>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where near-full and eviction warnings go.</param>
    /// <param name="metrics">Where the fill gauges read from; none when <see langword="null"/>.</param>
    public InMemoryDPoPReplayCache(
        IOptions<AuthPlaneOptions> options,
        TimeProvider time,
        ILogger<InMemoryDPoPReplayCache>? logger = null,
        AuthPlaneMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var dpop = options.Value.DPoP;
        ArgumentOutOfRangeException.ThrowIfLessThan(dpop.ReplayCacheCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(dpop.ReplayCacheMaxEntriesPerKey, 1, nameof(options));
        _capacity = dpop.ReplayCacheCapacity;
        _perKeyCapacity = Math.Min(dpop.ReplayCacheMaxEntriesPerKey, _capacity);
        _nearlyFull = Math.Max(1, (int)(_capacity * 0.9));
        _quotaEnforcedFrom = Math.Max(1, _capacity / 2);
        _table = new ReplayTable<KeyQuota>(_capacity);
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _nextSweepTicks = time.GetUtcNow().UtcTicks + SweepInterval.Ticks;
        metrics?.ObserveReplayCache(() => (Count, _capacity));
    }

    /// <summary>How many entries the cache holds now, expired ones not yet swept included.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>The minimum acceptable <c>iat</c> (Unix seconds) for every key, raised by capacity evictions.</summary>
    internal long MinimumIssuedAt => Volatile.Read(ref _floor);

    /// <inheritdoc />
    public ValueTask<ReplayCheckResult> TryAddAsync(DPoPReplayEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry.Thumbprint);
        ArgumentNullException.ThrowIfNull(entry.Jti);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TryAdd(entry));
    }

    private ReplayCheckResult TryAdd(DPoPReplayEntry entry)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (now >= Volatile.Read(ref _nextSweepTicks) && _maintenance.TryEnter())
        {
            try
            {
                Sweep(now);
            }
            finally
            {
                _maintenance.Exit();
            }
        }

        var issuedAt = entry.IssuedAt.ToUnixTimeSeconds();
        var expiresAt = entry.ExpiresAt.UtcTicks;
        var id = TokenHash.OfPair(entry.Thumbprint, entry.Jti); // a thumbprint (base64url) holds no NUL
        while (true)
        {
            var found = _table.Find(id, out var existing);
            if (found == ReplayLookup.Pending || (found == ReplayLookup.Published && existing.ExpiresAtTicks > now))
            {
                return ReplayCheckResult.Replayed;
            }

            if (found == ReplayLookup.Published)
            {
                // An expired entry of the same proof: the freshness check already refuses its proof; drop it and retry.
                if (_table.TryRemove(existing))
                {
                    Forget(existing.Owner);
                }

                continue;
            }

            var owner = AcquireQuota(entry.Thumbprint);
            if (!_table.TryClaim(id, issuedAt, expiresAt, owner, out var claimed))
            {
                Interlocked.Decrement(ref owner.Count);
                continue; // the proof is held already: looked up again above
            }

            if (_table.SeenElsewhere(claimed))
            {
                // A concurrent insert of the same proof: at most one of the two goes on (see ReplayTable).
                _table.Withdraw(claimed);
                Interlocked.Decrement(ref owner.Count);
                return ReplayCheckResult.Replayed;
            }

            var placed = _table.Publish(claimed);
            var count = Interlocked.Increment(ref _count);

            // Read the floors only now that the entry is visible: see the class remarks.
            if (issuedAt < Volatile.Read(ref _floor) || issuedAt < Volatile.Read(ref owner.Floor))
            {
                if (_table.TryRemove(placed))
                {
                    Forget(owner);
                }

                return ReplayCheckResult.TooOld;
            }

            if (count >= _quotaEnforcedFrom && Volatile.Read(ref owner.Count) > _perKeyCapacity)
            {
                EvictFromKey(entry.Thumbprint, owner);
            }

            if (count > _capacity)
            {
                EvictEarliest(now);
            }
            else if (count >= _nearlyFull && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                DPoPLog.ReplayCacheNearlyFull(_logger, count, _capacity);
            }

            return ReplayCheckResult.Added;
        }
    }

    /// <summary>The quota of <paramref name="thumbprint"/> with one more entry counted (a swept, dead quota is replaced).</summary>
    private KeyQuota AcquireQuota(string thumbprint)
    {
        while (true)
        {
            var quota = _keys.GetOrAdd(thumbprint, static _ => new KeyQuota());
            if (Interlocked.Increment(ref quota.Count) > 0)
            {
                return quota;
            }

            _keys.TryRemove(new KeyValuePair<string, KeyQuota>(thumbprint, quota));
        }
    }

    private void Forget(KeyQuota owner)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Decrement(ref owner.Count);
    }

    /// <summary>Keeps one key within its quota: evicts its earliest-expiring quarter and raises that key's floor.</summary>
    private void EvictFromKey(string thumbprint, KeyQuota quota)
    {
        lock (quota.Gate)
        {
            if (Volatile.Read(ref quota.Count) <= _perKeyCapacity)
            {
                return; // another request of this key evicted meanwhile
            }

            var own = new List<ReplayPlace<KeyQuota>>(_perKeyCapacity + 1);
            _table.Collect(own, place => ReferenceEquals(place.Owner, quota));

            if (own.Count <= _perKeyCapacity)
            {
                return; // the count included inserts of this key still in flight, not entries
            }

            var evicted = Evict(own, own.Count - (_perKeyCapacity - Math.Max(1, _perKeyCapacity / 4)), ref quota.Floor, out var latestExpiry);
            if (latestExpiry > Volatile.Read(ref quota.FloorRelevantUntilTicks))
            {
                Volatile.Write(ref quota.FloorRelevantUntilTicks, latestExpiry);
            }

            DPoPLog.ReplayKeyOverQuota(_logger, thumbprint, evicted, _perKeyCapacity);
        }
    }

    /// <summary>Keeps the cache within its capacity: evicts the earliest-expiring eighth and raises the global floor.</summary>
    private void EvictEarliest(long now)
    {
        lock (_maintenance)
        {
            if (Volatile.Read(ref _count) <= _capacity)
            {
                return; // another request evicted meanwhile
            }

            Sweep(now);
            var target = _capacity - Math.Max(1, _capacity / 8);
            if (Volatile.Read(ref _count) <= target)
            {
                return;
            }

            var all = new List<ReplayPlace<KeyQuota>>(_capacity + 1);
            _table.Collect(all, static _ => true);
            var evicted = Evict(all, all.Count - target, ref _floor, out _);
            DPoPLog.ReplayCacheEvicted(_logger, evicted, _capacity, new IsoTimestamp(DateTimeOffset.FromUnixTimeSeconds(Volatile.Read(ref _floor))));
        }
    }

    /// <summary>
    /// Removes the <paramref name="howMany"/> earliest-expiring of <paramref name="candidates"/>, first raising
    /// <paramref name="floor"/> above the <c>iat</c> of every one of them; <paramref name="latestExpiry"/> is the last
    /// expiry among them, after which the raised floor no longer matters.
    /// </summary>
    private int Evict(List<ReplayPlace<KeyQuota>> candidates, int howMany, ref long floor, out long latestExpiry)
    {
        latestExpiry = 0;
        if (howMany <= 0)
        {
            return 0;
        }

        candidates.Sort(static (a, b) => a.ExpiresAtTicks.CompareTo(b.ExpiresAtTicks));
        howMany = Math.Min(howMany, candidates.Count);
        var highest = long.MinValue;
        for (var i = 0; i < howMany; i++)
        {
            highest = Math.Max(highest, candidates[i].IssuedAt);
            latestExpiry = Math.Max(latestExpiry, candidates[i].ExpiresAtTicks);
        }

        RaiseTo(ref floor, highest + 1);
        var evicted = 0;
        for (var i = 0; i < howMany; i++)
        {
            if (_table.TryRemove(candidates[i]))
            {
                Forget(candidates[i].Owner);
                evicted++;
            }
        }

        return evicted;
    }

    private static void RaiseTo(ref long floor, long value)
    {
        var current = Volatile.Read(ref floor);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref floor, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Drops expired entries and the quotas of keys with none left. Call under <see cref="_maintenance"/>.</summary>
    private void Sweep(long now)
    {
        Volatile.Write(ref _nextSweepTicks, now + SweepInterval.Ticks);
        var expired = new List<ReplayPlace<KeyQuota>>();
        _table.Collect(expired, place => place.ExpiresAtTicks <= now);
        foreach (var place in expired)
        {
            if (_table.TryRemove(place))
            {
                Forget(place.Owner);
            }
        }

        foreach (var pair in _keys)
        {
            // A key's floor only matters while a proof below it could still be fresh; the quota is marked dead
            // (count int.MinValue) before removal, so a concurrent insert that found it takes a new one instead.
            if (Volatile.Read(ref pair.Value.FloorRelevantUntilTicks) <= now
                && Interlocked.CompareExchange(ref pair.Value.Count, int.MinValue, 0) == 0)
            {
                _keys.TryRemove(pair);
            }
        }

        if (Volatile.Read(ref _count) < _capacity * 0.8)
        {
            Volatile.Write(ref _warned, 0);
        }
    }

    /// <summary>One proof key's entry count and floor.</summary>
    private sealed class KeyQuota
    {
        public readonly Lock Gate = new();
        public int Count;
        public long Floor = long.MinValue;
        public long FloorRelevantUntilTicks;
    }
}
