using AuthPlane.Sdk.Tokens;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>The SDK's one bounded cache: size and memory bounds, per-entry expiry, replacement of the earliest-expiring.</summary>
public sealed class TokenHashCacheTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Two_hundred_thousand_distinct_keys_never_grow_it_beyond_its_size_or_memory_bound()
    {
        var cache = new TokenHashCache<string>(capacity: 10_000, maxBytes: 8 * 1024 * 1024);

        for (var i = 0; i < 200_000; i++)
        {
            cache.Store(TokenHash.Of($"token-{i}"), "value", Now.AddMinutes(5 + (i % 60)), Now, bytes: 1024);
            Assert.True(cache.Count <= cache.Capacity);
            Assert.True(cache.EstimatedBytes <= 8 * 1024 * 1024);
        }

        Assert.Equal(8 * 1024, cache.Count); // the memory bound (8 MiB / 1 KiB) binds before the size
        Assert.NotNull(cache.Find(TokenHash.Of("token-199999"), Now));
    }

    [Fact]
    public void An_entry_is_found_until_its_expiry_and_not_at_it()
    {
        var cache = new TokenHashCache<string>(capacity: 16);
        var key = TokenHash.Of("t");
        cache.Store(key, "v", Now.AddSeconds(10), Now);

        Assert.Equal("v", cache.Find(key, Now.AddSeconds(10).AddTicks(-1))!.Value);
        Assert.Null(cache.Find(key, Now.AddSeconds(10)));
    }

    [Fact]
    public void A_full_set_replaces_its_earliest_expiring_entry()
    {
        var cache = new TokenHashCache<int>(capacity: 4); // one set of four
        for (var i = 0; i < 4; i++)
        {
            cache.Store(TokenHash.Of($"k{i}"), i, Now.AddMinutes(10 - i), Now);
        }

        cache.Store(TokenHash.Of("new"), 99, Now.AddMinutes(30), Now);

        Assert.Null(cache.Find(TokenHash.Of("k3"), Now)); // expired soonest (Now + 7 min)
        Assert.All(new[] { "k0", "k1", "k2", "new" }, k => Assert.NotNull(cache.Find(TokenHash.Of(k), Now)));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void An_already_expired_value_is_not_stored_and_a_removed_entry_is_gone()
    {
        var cache = new TokenHashCache<string>(capacity: 16);
        cache.Store(TokenHash.Of("old"), "v", Now, Now);
        cache.Store(TokenHash.Of("live"), "v", Now.AddMinutes(1), Now, bytes: 100);
        var live = cache.Find(TokenHash.Of("live"), Now)!;

        cache.Remove(live);

        Assert.Null(cache.Find(TokenHash.Of("old"), Now));
        Assert.Null(cache.Find(TokenHash.Of("live"), Now));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.EstimatedBytes);
    }
}
