using System.Diagnostics.Metrics;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>
/// A verified token enters the token cache at its second use: never-seen tokens (one per request, or a client holding
/// many) are verified and answered without being kept, so they neither churn the garbage collector's oldest generation
/// nor evict the tokens of clients that reuse theirs.
/// </summary>
public sealed class TokenCacheAdmissionTests
{
    [Fact]
    public async Task A_stream_of_once_used_tokens_does_not_evict_a_reused_token_from_a_small_cache()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.TokenCacheSize = 8);
        var reused = harness.Mint();
        await harness.UseUntilCachedAsync(reused);

        for (var i = 0; i < 200; i++)
        {
            Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        }

        using var lookups = Lookups(harness);
        Assert.True((await harness.VerifyAsync(reused)).Succeeded);
        Assert.Equal(["hit"], Results(lookups));
    }

    [Fact]
    public async Task A_token_used_once_is_answered_but_not_kept_and_its_second_use_is_verified_in_full()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var lookups = Lookups(harness);
        var token = harness.Mint();

        var first = await harness.VerifyAsync(token);
        var second = await harness.VerifyAsync(token);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.NotSame(first.Token, second.Token); // verified twice: the first use left nothing in the cache
        Assert.Equal(["miss", "miss"], Results(lookups));
    }

    [Fact]
    public async Task A_rejected_token_does_not_count_as_a_first_use()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var lookups = Lookups(harness);
        var token = harness.Mint();
        var tampered = token[..^4] + (token[^4] == 'A' ? "BAAA" : "AAAA");

        Assert.False((await harness.VerifyAsync(tampered)).Succeeded);
        await harness.UseUntilCachedAsync(token);
        Assert.True((await harness.VerifyAsync(token)).Succeeded);

        Assert.Equal(["miss", "miss", "miss", "hit"], Results(lookups));
    }

    private static MetricCollector<long> Lookups(AuthorityHarness harness) =>
        new(harness.Services.GetRequiredService<IMeterFactory>(), AuthPlaneDiagnostics.MeterName, "authplane.token.cache.lookups", harness.Time);

    private static string[] Results(MetricCollector<long> lookups) =>
        lookups.GetMeasurementSnapshot().Select(m => (string)m.Tags[AuthPlaneTelemetryTags.CacheResult]!).ToArray();
}
