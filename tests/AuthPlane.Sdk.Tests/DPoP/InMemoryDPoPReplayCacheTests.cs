using System.Collections.Concurrent;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>The in-memory replay cache: exactly once, bounded, and a flood from one key cannot lock others out.</summary>
public sealed class InMemoryDPoPReplayCacheTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(330);

    private readonly FakeTimeProvider _time = Clock();

    private InMemoryDPoPReplayCache Cache(int capacity = 100, int perKey = 10_000) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(o =>
        {
            o.ReplayCacheCapacity = capacity;
            o.ReplayCacheMaxEntriesPerKey = perKey;
        })), _time);

    private static DPoPReplayEntry Issued(string thumbprint, string jti, DateTimeOffset issuedAt) => new(thumbprint, jti, issuedAt, issuedAt + Window);

    [Fact]
    public async Task A_key_is_added_once_and_then_reported_as_replayed()
    {
        var cache = Cache();

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))));
    }

    [Fact]
    public async Task The_same_jti_under_another_key_is_another_proof()
    {
        var cache = Cache();

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5), thumbprint: "a")));
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5), thumbprint: "b")));
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-replay-store-must-evict-expired-entries")]
    public async Task Expired_entries_are_evicted_and_no_longer_occupy_storage()
    {
        var cache = Cache();
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("proof-1", Now.AddSeconds(5))));
        _time.Advance(TimeSpan.FromSeconds(30));

        var second = await cache.TryAddAsync(Entry("proof-2", Now.AddMinutes(10)));

        Assert.Equal(ReplayCheckResult.Added, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task An_expired_entry_of_the_same_key_is_taken_over()
    {
        var cache = Cache();
        await cache.TryAddAsync(Entry("k", Now.AddSeconds(1)));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_key_succeed_exactly_once()
    {
        var cache = Cache();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))))));

        Assert.Equal(1, results.Count(r => r == ReplayCheckResult.Added));
    }

    // Before: a full cache answered Unavailable (503) to every DPoP request for ~5 minutes.
    [Fact]
    public async Task A_full_cache_evicts_the_earliest_expiring_and_raises_the_iat_floor_exactly_above_them()
    {
        var cache = Cache(capacity: 8);
        for (var i = 0; i < 9; i++)
        {
            // Nine clients, one proof each, issued a second apart: the ninth overflows the capacity of eight.
            Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued($"client-{i}", "p", Now.AddSeconds(-100 + i))));
        }

        // Eviction keeps 7 of 8: the two earliest-expiring (iat -100 and -99) go, and the floor lands just above -99.
        Assert.Equal(7, cache.Count);
        Assert.Equal(Now.AddSeconds(-98).ToUnixTimeSeconds(), cache.MinimumIssuedAt);
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("client-0", "p", Now.AddSeconds(-100))));
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("client-1", "p", Now.AddSeconds(-99))));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync(Issued("client-2", "p", Now.AddSeconds(-98))));

        // The exact boundary: a fresh proof issued at -99 is refused, one issued at -98 (the floor) is accepted.
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("client-9", "q", Now.AddSeconds(-99))));
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("client-9", "r", Now.AddSeconds(-98))));
        Assert.Equal(8, cache.Count);
    }

    [Fact]
    public async Task A_key_over_its_quota_evicts_only_its_own_entries_and_raises_only_its_own_floor()
    {
        var cache = Cache(capacity: 16, perKey: 8); // the quota applies from half full (8 entries)
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("quiet", "q0", Now.AddSeconds(-200))));
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("flood", $"f{i}", Now.AddSeconds(-100 + i))));
        }

        // Over its quota of 8, the flooder's three earliest went (it keeps 6); nobody else's floor moved.
        Assert.Equal(7, cache.Count);
        Assert.Equal(long.MinValue, cache.MinimumIssuedAt);
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("flood", "f0", Now.AddSeconds(-100))));
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("flood", "new", Now.AddSeconds(-98))));
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("flood", "newer", Now.AddSeconds(-97))));
        Assert.Equal(ReplayCheckResult.Replayed, await cache.TryAddAsync(Issued("quiet", "q0", Now.AddSeconds(-200))));
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("quiet", "q1", Now.AddSeconds(-200))));
    }

    [Fact]
    public async Task Below_half_full_one_busy_key_is_never_refused_for_its_quota()
    {
        var cache = Cache(capacity: 100, perKey: 8);
        for (var i = 0; i < 49; i++)
        {
            Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("busy", $"b{i}", Now.AddSeconds(-100 + i))));
        }

        Assert.Equal(49, cache.Count);

        // The 50th entry makes the cache half full: from now on the key is held to its quota of 8.
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Issued("busy", "b49", Now.AddSeconds(-51))));
        Assert.True(cache.Count <= 8, $"the busy key still holds {cache.Count} entries");
        Assert.Equal(ReplayCheckResult.TooOld, await cache.TryAddAsync(Issued("busy", "b0", Now.AddSeconds(-100))));
        Assert.Equal(long.MinValue, cache.MinimumIssuedAt);
    }

    [Fact]
    public async Task A_flood_from_one_key_leaves_a_second_client_succeeding_and_no_proof_is_ever_accepted_twice()
    {
        const int Capacity = 64;
        const int Quota = 16;
        var cache = Cache(capacity: Capacity, perKey: Quota);
        var submissions = new List<DPoPReplayEntry>();
        for (var i = 0; i < 2_000; i++)
        {
            submissions.Add(Issued("flood", $"f{i}", Now.AddSeconds(-300 + (i % 300))));
        }

        for (var i = 0; i < Quota - 1; i++)
        {
            submissions.Add(Issued("second", $"s{i}", Now));
        }

        // Every proof is sent twice, all at once and in random order, from several threads.
        var all = submissions.Concat(submissions).OrderBy(_ => Random.Shared.Next()).ToArray();
        var accepted = new ConcurrentDictionary<(string, string), int>();
        var peak = 0;
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, ct) =>
        {
            if (await cache.TryAddAsync(entry, ct) == ReplayCheckResult.Added)
            {
                accepted.AddOrUpdate((entry.Thumbprint, entry.Jti), 1, (_, n) => n + 1);
            }

            var count = cache.Count;
            int seen;
            while (count > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, count, seen) != seen)
            {
            }
        });

        // Afterwards, every proof once more: none may be accepted again.
        foreach (var entry in submissions)
        {
            if (await cache.TryAddAsync(entry) == ReplayCheckResult.Added)
            {
                accepted.AddOrUpdate((entry.Thumbprint, entry.Jti), 1, (_, n) => n + 1);
            }
        }

        Assert.All(accepted, pair => Assert.Equal(1, pair.Value));
        Assert.All(Enumerable.Range(0, Quota - 1), i => Assert.True(accepted.ContainsKey(("second", $"s{i}")), $"second client proof s{i} was refused"));
        Assert.True(peak <= Capacity + 8, $"the cache grew to {peak} entries");
        Assert.Equal(long.MinValue, cache.MinimumIssuedAt);
    }

    [Fact]
    public async Task An_evicted_proof_is_refused_by_the_validator_as_too_old()
    {
        using var key = DPoPKey.Create("ES256");
        var options = Options(o =>
        {
            o.ReplayCacheCapacity = 4; // the quota applies from half full (2 entries)
            o.ReplayCacheMaxEntriesPerKey = 2;
        });
        using var validator = Validator(_time, options);
        var proofs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            proofs.Add(new DPoPProofBuilder(key, "POST", Resource, _time).WithAccessToken(AccessToken).Build());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var proof in proofs)
        {
            Assert.True((await validator.ValidateAsync(Request(proof, key.Thumbprint))).Succeeded);
        }

        // Over the quota of two, the key's two earliest entries were evicted; replaying them is refused, never accepted.
        Assert.Equal(RejectionReason.DPoPProofTooOld, (await validator.ValidateAsync(Request(proofs[0], key.Thumbprint))).Reason);
        Assert.Equal(RejectionReason.DPoPProofTooOld, (await validator.ValidateAsync(Request(proofs[1], key.Thumbprint))).Reason);
        Assert.Equal(RejectionReason.DPoPReplayed, (await validator.ValidateAsync(Request(proofs[2], key.Thumbprint))).Reason);
    }
}
