using AuthPlane.Sdk.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class ExchangedTokenCacheTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero));
    private int _exchanges;

    private ExchangedTokenCache Create(int size = 16) =>
        new(_time, Options.Create(new AuthPlaneClientOptions { CacheExpiryMargin = Margin, CacheSize = size }));

    private Func<TokenExchangeRequest, CancellationToken, Task<TokenResponse>> Exchange(long expiresIn) => (request, _) =>
    {
        _exchanges++;
        var lifetime = TimeSpan.FromSeconds(expiresIn);
        return Task.FromResult(new TokenResponse
        {
            AccessToken = $"exchanged-{_exchanges}-for-{request.SubjectToken}",
            TokenType = "Bearer",
            ExpiresIn = lifetime,
            Lifetime = lifetime,
            ExpiresAt = _time.GetUtcNow() + lifetime,
            IssuedTokenType = TokenTypeUris.AccessToken,
        });
    };

    private static TokenExchangeRequest Request(string caller, string resource = "https://cal.example.com", params string[] scopes) =>
        new() { SubjectToken = caller, Resources = [resource], Scopes = scopes };

    [Fact]
    public async Task A_token_is_reused_until_expires_in_minus_the_margin()
    {
        var cache = Create();
        var first = await cache.GetOrExchangeAsync(Request("alice"), Exchange(300));

        _time.Advance(TimeSpan.FromSeconds(300) - Margin - TimeSpan.FromTicks(1));
        var justBefore = await cache.GetOrExchangeAsync(Request("alice"), Exchange(300));
        _time.Advance(TimeSpan.FromTicks(1));
        var atBoundary = await cache.GetOrExchangeAsync(Request("alice"), Exchange(300));

        Assert.Same(first, justBefore);
        Assert.NotSame(first, atBoundary);
        Assert.Equal(2, _exchanges);
    }

    [Fact]
    public async Task Expires_in_zero_is_never_cached()
    {
        var cache = Create();

        await cache.GetOrExchangeAsync(Request("alice"), Exchange(0));
        await cache.GetOrExchangeAsync(Request("alice"), Exchange(0));

        Assert.Equal(2, _exchanges);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_lifetime_within_the_margin_is_not_cached()
    {
        var cache = Create();

        await cache.GetOrExchangeAsync(Request("alice"), Exchange(30));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Tokens_are_never_shared_between_callers()
    {
        var cache = Create();

        var alice = await cache.GetOrExchangeAsync(Request("alice-token"), Exchange(300));
        var bob = await cache.GetOrExchangeAsync(Request("bob-token"), Exchange(300));

        Assert.NotEqual(alice.AccessToken, bob.AccessToken);
        Assert.Contains("bob-token", bob.AccessToken, StringComparison.Ordinal);
        Assert.Equal(2, _exchanges);
    }

    [Fact]
    public async Task Resource_and_scopes_are_part_of_the_key_but_scope_order_is_not()
    {
        var cache = Create();

        var ab = await cache.GetOrExchangeAsync(Request("alice", "https://cal.example.com", "a", "b"), Exchange(300));
        var ba = await cache.GetOrExchangeAsync(Request("alice", "https://cal.example.com", "b", "a"), Exchange(300));
        var onlyA = await cache.GetOrExchangeAsync(Request("alice", "https://cal.example.com", "a"), Exchange(300));
        var otherResource = await cache.GetOrExchangeAsync(Request("alice", "https://mail.example.com", "a", "b"), Exchange(300));

        Assert.Same(ab, ba);
        Assert.NotSame(ab, onlyA);
        Assert.NotSame(ab, otherResource);
        Assert.Equal(3, _exchanges);
    }

    [Fact]
    public async Task The_cache_stays_within_its_size_by_dropping_the_soonest_expiring_entry()
    {
        var cache = Create(size: 2);

        await cache.GetOrExchangeAsync(Request("short"), Exchange(100));
        await cache.GetOrExchangeAsync(Request("long"), Exchange(1000));
        await cache.GetOrExchangeAsync(Request("third"), Exchange(500));
        await cache.GetOrExchangeAsync(Request("long"), Exchange(1000));

        Assert.Equal(2, cache.Count);
        Assert.Equal(3, _exchanges);
    }

    [Fact]
    public async Task A_failed_exchange_is_not_cached()
    {
        var cache = Create();

        await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => cache.GetOrExchangeAsync(Request("alice"), (_, _) => throw new AuthPlaneProtocolException("bad")));
        await cache.GetOrExchangeAsync(Request("alice"), Exchange(300));

        Assert.Equal(1, _exchanges);
    }
}
