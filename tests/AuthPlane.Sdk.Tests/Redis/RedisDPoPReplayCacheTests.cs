using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Redis;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;

namespace AuthPlane.Sdk.Tests.Redis;

/// <summary>The Redis replay cache against a real <c>redis-server</c> (see <see cref="RedisFixture"/>).</summary>
public sealed class RedisDPoPReplayCacheTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        _key.Dispose();
        foreach (var d in _disposables)
        {
            d.Dispose();
        }
    }

    private RedisDPoPReplayCache Cache(string? endpoint = null, TimeSpan? timeout = null)
    {
        var cache = new RedisDPoPReplayCache(
            Microsoft.Extensions.Options.Options.Create(new RedisReplayCacheOptions
            {
                ConnectionString = endpoint ?? redis.Endpoint,
                KeyPrefix = _prefix,
                Timeout = timeout ?? TimeSpan.FromSeconds(2),
            }),
            _time);
        _disposables.Add(cache);
        return cache;
    }

    private DPoPProofValidator ValidatorOn(IDPoPReplayCache cache)
    {
        var validator = Validator(_time, cache: cache);
        _disposables.Add(validator);
        return validator;
    }

    private string Proof() => new DPoPProofBuilder(_key, "POST", Resource, _time).WithAccessToken(AccessToken).Build();

    [Fact]
    public async Task A_key_is_added_once_with_a_ttl_until_the_proof_can_no_longer_be_fresh()
    {
        var cache = Cache();

        var entry = Entry("k1", Now.AddSeconds(330));
        var first = await cache.TryAddAsync(entry);
        var second = await cache.TryAddAsync(entry);

        Assert.Equal(ReplayCheckResult.Added, first);
        Assert.Equal(ReplayCheckResult.Replayed, second);
        await using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
        var key = cache.Key(entry);
        Assert.StartsWith(_prefix + entry.Thumbprint + ".", key, StringComparison.Ordinal);
        var ttl = await inspector.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(320), TimeSpan.FromSeconds(330));
    }

    [Fact]
    public async Task Sixty_four_concurrent_verifications_of_one_proof_accept_exactly_one()
    {
        var validator = ValidatorOn(Cache());
        var proof = Proof();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(async () => await validator.ValidateAsync(Request(proof, _key.Thumbprint)))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(63, results.Count(r => r.Reason == RejectionReason.DPoPReplayed));
    }

    [Fact]
    public async Task Two_instances_sharing_one_redis_accept_a_proof_only_once()
    {
        var instanceA = ValidatorOn(Cache());
        var instanceB = ValidatorOn(Cache());
        var proof = Proof();

        var atA = await instanceA.ValidateAsync(Request(proof, _key.Thumbprint));
        var atB = await instanceB.ValidateAsync(Request(proof, _key.Thumbprint));

        Assert.True(atA.Succeeded, atA.Reason.ToString());
        Assert.Equal(RejectionReason.DPoPReplayed, atB.Reason);
    }

    [Fact]
    public async Task Redis_stopped_mid_test_fails_closed_with_the_unavailable_outcome()
    {
        using var own = RedisServer.Start();
        var cache = Cache(own.Endpoint, TimeSpan.FromMilliseconds(500));
        var validator = ValidatorOn(cache);
        var verifier = new AuthPlaneRequestVerifier(
            Verification.AccessTokenVerifierSubstitute.Returning(AccessTokenResult.Success(Token(jkt: _key.Thumbprint))),
            validator,
            Microsoft.Extensions.Options.Options.Create(Options()));
        var before = await verifier.VerifyAsync(new ResourceRequest("POST", "", "/mcp", new StringValues($"DPoP {AccessToken}"), Proof()));

        own.Stop();
        var direct = await cache.TryAddAsync(Entry("after-stop", Now.AddMinutes(5)));
        var proofResult = await validator.ValidateAsync(Request(Proof(), _key.Thumbprint));
        var request = await verifier.VerifyAsync(new ResourceRequest("POST", "", "/mcp", new StringValues($"DPoP {AccessToken}"), Proof()));

        Assert.Equal(RequestVerificationStatus.Authenticated, before.Status);
        Assert.Equal(ReplayCheckResult.Unavailable, direct);
        Assert.Equal(RejectionReason.ReplayStoreUnavailable, proofResult.Reason);
        Assert.Equal(RequestVerificationStatus.Unavailable, request.Status);
        Assert.Equal(RejectionReason.ReplayStoreUnavailable, request.Reason);
        Assert.Null(request.Token);
    }

    [Fact]
    public async Task A_redis_that_cannot_be_reached_from_the_start_is_unavailable_not_an_exception()
    {
        var cache = Cache($"127.0.0.1:{RedisServer.FreePort()}", TimeSpan.FromMilliseconds(300));

        Assert.Equal(ReplayCheckResult.Unavailable, await cache.TryAddAsync(Entry("k", Now.AddMinutes(5))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_redis_registration_replaces_the_in_memory_cache_in_either_order(bool dpopFirst)
    {
        var services = new ServiceCollection();
        services.AddOptions<AuthPlaneOptions>().Configure(o => o.Resource = Resource);
        if (dpopFirst)
        {
            services.AddAuthPlaneDPoP();
        }

        services.AddAuthPlaneRedisReplayCache(redis.Endpoint);
        if (!dpopFirst)
        {
            services.AddAuthPlaneDPoP();
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisDPoPReplayCache>(provider.GetRequiredService<IDPoPReplayCache>());
        Assert.Single(services, d => d.ServiceType == typeof(IDPoPReplayCache));
    }

    [Fact]
    public void The_in_memory_cache_is_the_default()
    {
        var services = new ServiceCollection();
        services.AddOptions<AuthPlaneOptions>().Configure(o => o.Resource = Resource);
        services.AddAuthPlaneDPoP();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryDPoPReplayCache>(provider.GetRequiredService<IDPoPReplayCache>());
        Assert.NotNull(provider.GetRequiredService<DPoPProofValidator>());
    }

    [Fact]
    public void A_missing_connection_string_fails_with_a_message_saying_what_to_set()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new RedisDPoPReplayCache(Microsoft.Extensions.Options.Options.Create(new RedisReplayCacheOptions()), _time));

        Assert.Contains("AddAuthPlaneRedisReplayCache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_construction_not_on_a_request()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RedisDPoPReplayCache(
            Microsoft.Extensions.Options.Options.Create(new RedisReplayCacheOptions { ConnectionString = "127.0.0.1:6379,notAnOption=1" }), _time));
    }

    [Fact]
    public async Task A_disposed_cache_answers_unavailable_instead_of_throwing()
    {
        var cache = Cache();
        Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(Entry("before", Now.AddMinutes(5))));

        await cache.DisposeAsync();

        Assert.Equal(ReplayCheckResult.Unavailable, await cache.TryAddAsync(Entry("after", Now.AddMinutes(5))));
    }
}
