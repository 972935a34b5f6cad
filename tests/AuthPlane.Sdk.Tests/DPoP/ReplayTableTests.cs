using System.Collections.Concurrent;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Time.Testing;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>
/// The replay cache's lock-free table: a proof is accepted at most once however many copies race, a proof whose
/// candidate slots are taken overflows and stays exact, a stale remover cannot free a later occupant, and holding a
/// proof costs no object of its own.
/// </summary>
public sealed class ReplayTableTests
{
    private readonly FakeTimeProvider _time = Clock();

    private InMemoryDPoPReplayCache Cache(int capacity, int perKey = 1_000_000) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(o =>
        {
            o.ReplayCacheCapacity = capacity;
            o.ReplayCacheMaxEntriesPerKey = perKey;
        })), _time);

    [Theory]
    [InlineData(100_000)] // room for all: every proof is accepted exactly once
    [InlineData(16)] // a tiny table: most proofs overflow or are evicted, and none is ever accepted twice
    public async Task Copies_of_many_proofs_racing_on_eight_threads_are_never_accepted_twice(int capacity)
    {
        var cache = Cache(capacity);
        var proofs = Enumerable.Range(0, 4_000).Select(i => Entry($"jti-{i}", Now.AddMinutes(5), thumbprint: $"key-{i % 7}")).ToArray();
        var copies = proofs.SelectMany(proof => Enumerable.Repeat(proof, 4)).OrderBy(_ => Random.Shared.Next()).ToArray();
        var accepted = new ConcurrentDictionary<(string, string), int>();

        await Parallel.ForEachAsync(copies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (proof, ct) =>
        {
            if (await cache.TryAddAsync(proof, ct) == ReplayCheckResult.Added)
            {
                accepted.AddOrUpdate((proof.Thumbprint, proof.Jti), 1, (_, n) => n + 1);
            }
        });
        foreach (var proof in proofs.Where(p => accepted.ContainsKey((p.Thumbprint, p.Jti))))
        {
            Assert.NotEqual(ReplayCheckResult.Added, await cache.TryAddAsync(proof));
        }

        Assert.All(accepted, pair => Assert.Equal(1, pair.Value));
        if (capacity >= proofs.Length)
        {
            // Two copies can both step back (a refusal, never a double acceptance), but not for more than a handful.
            Assert.True(accepted.Count >= proofs.Length - 40, $"only {accepted.Count} of {proofs.Length} proofs were accepted");
        }
    }

    [Fact]
    public void A_proof_whose_candidate_slots_are_taken_overflows_and_is_still_found_exactly()
    {
        var table = new ReplayTable<object>(8);
        var owner = new object();
        // The same four candidate slots (parts 1 and 2), different tags (part 0): the second proof must overflow.
        var first = new TokenHash(0x1111, 0, 0, 0);
        var second = new TokenHash(0x2222_0000_0000, 0, 0, 0);

        Assert.True(table.TryClaim(first, 1, 10, owner, out var firstClaim));
        Assert.False(table.SeenElsewhere(firstClaim));
        table.Publish(firstClaim);
        Assert.True(table.TryClaim(second, 2, 20, owner, out var secondClaim));
        Assert.True(secondClaim.IsOverflow);
        Assert.False(table.SeenElsewhere(secondClaim));
        table.Publish(secondClaim);

        Assert.Equal(ReplayLookup.Published, table.Find(first, out var foundFirst));
        Assert.False(foundFirst.IsOverflow);
        Assert.Equal(ReplayLookup.Published, table.Find(second, out var foundSecond));
        Assert.True(foundSecond.IsOverflow);
        Assert.Equal((2, 20), (foundSecond.IssuedAt, foundSecond.ExpiresAtTicks));
        Assert.False(table.TryClaim(second, 2, 20, owner, out _)); // a second copy finds it in the overflow
        Assert.Equal(ReplayLookup.Absent, table.Find(new TokenHash(0x3333_0000_0000, 0, 0, 0), out _));
    }

    [Fact]
    public void A_remover_holding_a_stale_place_never_frees_a_later_occupant_of_the_slot()
    {
        var table = new ReplayTable<object>(8);
        var owner = new object();
        var proof = new TokenHash(0x1111, 5, 5, 0);
        Assert.True(table.TryClaim(proof, 1, 10, owner, out var claim));
        var stale = table.Publish(claim);
        Assert.True(table.TryRemove(stale));

        // The same proof again in the same slot (after its expiry was taken over): a new generation of the slot word.
        Assert.True(table.TryClaim(proof, 1, 10, owner, out var again));
        table.Publish(again);

        Assert.False(table.TryRemove(stale));
        Assert.Equal(ReplayLookup.Published, table.Find(proof, out _));
    }

    [Fact]
    public void A_claim_is_pending_to_others_until_published_and_a_withdrawn_claim_leaves_nothing()
    {
        var table = new ReplayTable<object>(8);
        var proof = new TokenHash(0x1111, 3, 9, 0);
        Assert.True(table.TryClaim(proof, 1, 10, new object(), out var claim));
        var collected = new List<ReplayPlace<object>>();

        Assert.Equal(ReplayLookup.Pending, table.Find(proof, out _));
        table.Collect(collected, static _ => true);
        Assert.Empty(collected); // evictions and sweeps never see a half-written proof

        table.Withdraw(claim);
        Assert.Equal(ReplayLookup.Absent, table.Find(proof, out _));
    }

    [Fact]
    public async Task Holding_a_proof_allocates_no_object_of_its_own()
    {
        var cache = Cache(capacity: 100_000);
        var proofs = Enumerable.Range(0, 20_000).Select(i => Entry($"jti-{i}", Now.AddMinutes(5))).ToArray();
        for (var i = 0; i < 1_000; i++)
        {
            await cache.TryAddAsync(proofs[i]); // the key's quota object and the JIT
        }

        var notAdded = 0; // counted, not asserted, inside the loop: the assertion library allocates
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < proofs.Length; i++)
        {
            var pending = cache.TryAddAsync(proofs[i]);
            if (!pending.IsCompletedSuccessfully || await pending != ReplayCheckResult.Added)
            {
                notAdded++;
            }
        }

        var perProof = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(proofs.Length - 1_000);
        Assert.Equal(0, notAdded);
        Assert.True(perProof < 16, $"{perProof:0.0} bytes allocated per held proof");
    }
}
