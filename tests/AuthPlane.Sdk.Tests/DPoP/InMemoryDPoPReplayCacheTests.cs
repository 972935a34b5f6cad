using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

public sealed class InMemoryDPoPReplayCacheTests
{
    private readonly FakeTimeProvider _time = Clock();

    private InMemoryDPoPReplayCache Cache(int capacity = 100) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(o => o.ReplayCacheCapacity = capacity)), _time);

    [Fact]
    public async Task A_key_is_added_once_and_then_reported_as_replayed()
    {
        var cache = Cache();

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync("k", Now.AddMinutes(5)));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync("k", Now.AddMinutes(5)));
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-replay-store-must-evict-expired-entries")]
    public async Task Expired_entries_are_evicted_and_no_longer_occupy_storage()
    {
        var cache = Cache();
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync("proof-1", Now.AddSeconds(5)));
        _time.Advance(TimeSpan.FromSeconds(30));

        var second = await cache.TryAddAsync("proof-2", Now.AddMinutes(10));

        Assert.Equal(ReplayCheckResult.Added, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_cache_full_of_live_entries_fails_closed_and_never_evicts_a_live_entry()
    {
        var cache = Cache(capacity: 2);
        await cache.TryAddAsync("a", Now.AddMinutes(5));
        await cache.TryAddAsync("b", Now.AddMinutes(5));

        var third = await cache.TryAddAsync("c", Now.AddMinutes(5));

        Assert.Equal(ReplayCheckResult.Unavailable, third);
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync("a", Now.AddMinutes(5)));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync("b", Now.AddMinutes(5)));
    }

    [Fact]
    public async Task A_full_cache_makes_room_once_entries_expire()
    {
        var cache = Cache(capacity: 2);
        await cache.TryAddAsync("a", Now.AddSeconds(1));
        await cache.TryAddAsync("b", Now.AddSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync("c", Now.AddMinutes(5)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task An_expired_entry_of_the_same_key_is_taken_over()
    {
        var cache = Cache();
        await cache.TryAddAsync("k", Now.AddSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync("k", Now.AddMinutes(5)));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync("k", Now.AddMinutes(5)));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_key_succeed_exactly_once()
    {
        var cache = Cache();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await cache.TryAddAsync("k", Now.AddMinutes(5)))));

        Assert.Equal(1, results.Count(r => r == ReplayCheckResult.Added));
    }
}
