using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// The default, single-instance DPoP replay cache: an atomic add-if-absent over a concurrent dictionary,
/// bounded by <see cref="DPoPOptions.ReplayCacheCapacity"/>. Expired entries are swept out; a live entry is
/// never evicted, so when the cache is full of live entries it answers <see cref="ReplayCheckResult.Unavailable"/>
/// (fail closed) instead of forgetting a proof that could still be replayed.
/// </summary>
/// <remarks>Servers running several instances use the Redis cache of <c>AuthPlane.Sdk.Redis</c> instead.</remarks>
public sealed class InMemoryDPoPReplayCache : IDPoPReplayCache
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, long> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private int _count;
    private long _nextSweepTicks;

    /// <summary>Creates the cache with the capacity of <see cref="DPoPOptions.ReplayCacheCapacity"/>.</summary>
    public InMemoryDPoPReplayCache(IOptions<AuthPlaneOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.DPoP.ReplayCacheCapacity, 1, nameof(options));
        _capacity = options.Value.DPoP.ReplayCacheCapacity;
        _time = time;
        _nextSweepTicks = time.GetUtcNow().UtcTicks + SweepInterval.Ticks;
    }

    /// <summary>How many entries the cache holds now, expired ones not yet swept included.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<ReplayCheckResult> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TryAdd(key, expiresAt.UtcTicks));
    }

    private ReplayCheckResult TryAdd(string key, long expiresAtTicks)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (now >= Volatile.Read(ref _nextSweepTicks))
        {
            Sweep(now);
        }

        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (existing > now)
                {
                    return ReplayCheckResult.Replayed;
                }

                // An expired entry of the same key: take it over atomically (no new slot is used).
                if (_entries.TryUpdate(key, expiresAtTicks, existing))
                {
                    return ReplayCheckResult.Added;
                }

                continue;
            }

            if (!TryReserveSlot(now))
            {
                return ReplayCheckResult.Unavailable;
            }

            if (_entries.TryAdd(key, expiresAtTicks))
            {
                return ReplayCheckResult.Added;
            }

            Interlocked.Decrement(ref _count);
        }
    }

    private bool TryReserveSlot(long now)
    {
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        Sweep(now);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    private void Sweep(long now)
    {
        if (!_sweepLock.TryEnter())
        {
            return; // another thread is sweeping right now
        }

        try
        {
            Volatile.Write(ref _nextSweepTicks, now + SweepInterval.Ticks);
            foreach (var entry in _entries)
            {
                if (entry.Value <= now && _entries.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }
}
