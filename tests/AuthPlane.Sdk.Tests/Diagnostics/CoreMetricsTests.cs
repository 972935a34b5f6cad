using System.Diagnostics.Metrics;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Diagnostics;

/// <summary>
/// Each instrument of the SDK's meter records the right values and tags. Collectors are scoped to the harness's own
/// <see cref="IMeterFactory"/>, so tests running in parallel never see each other's measurements.
/// </summary>
public sealed class CoreMetricsTests
{
    private static MetricCollector<T> Collect<T>(AuthorityHarness harness, string instrument)
        where T : struct =>
        new(harness.Services.GetRequiredService<IMeterFactory>(), AuthPlaneDiagnostics.MeterName, instrument, harness.Time);

    [Fact]
    public async Task Token_cache_lookups_are_counted_and_a_token_is_cached_from_its_second_use()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var lookups = Collect<long>(harness, "authplane.token.cache.lookups");
        var token = harness.Mint();

        for (var use = 0; use < 3; use++)
        {
            Assert.True((await harness.VerifyAsync(token)).Succeeded);
        }

        var results = lookups.GetMeasurementSnapshot().Select(m => m.Tags[AuthPlaneTelemetryTags.CacheResult]).ToArray();
        Assert.Equal(["miss", "miss", "hit"], results);
    }

    [Fact]
    public async Task Authority_fetches_are_counted_by_document_and_result()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var fetches = Collect<long>(harness, "authplane.authority.fetches");

        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        harness.Authority.JwksFault = EndpointFault.ServerError;
        Assert.False((await harness.VerifyAsync(harness.Mint(d => d.Header["kid"] = "unknown-kid"))).Succeeded);

        var seen = fetches.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags[AuthPlaneTelemetryTags.Document]}:{m.Tags[AuthPlaneTelemetryTags.Result]}")
            .ToArray();
        Assert.Equal(["metadata:success", "jwks:success", "jwks:failure"], seen);
    }

    [Fact]
    public async Task Last_success_age_is_the_time_since_each_document_was_fetched()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var age = Collect<double>(harness, "authplane.authority.last_success.age");
        age.RecordObservableInstruments();
        Assert.Empty(age.GetMeasurementSnapshot()); // nothing fetched yet: no age to report

        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        harness.FakeTime.Advance(TimeSpan.FromSeconds(90));
        age.RecordObservableInstruments();

        var byDocument = age.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags[AuthPlaneTelemetryTags.Document]!, m => m.Value);
        Assert.Equal(90, byDocument[AuthPlaneTelemetryTags.DocumentMetadata]);
        Assert.Equal(90, byDocument[AuthPlaneTelemetryTags.DocumentJwks]);
    }

    [Fact]
    public async Task Verification_duration_is_recorded_with_the_result_and_the_reason()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var verifier = VerifierFor.Harness(harness, harness.Services.GetRequiredService<AuthPlaneMetrics>());
        using var duration = Collect<double>(harness, "authplane.token.verification.duration");

        await verifier.VerifyAsync(VerifierFor.Bearer(harness.Mint()));
        await verifier.VerifyAsync(VerifierFor.Bearer(harness.Mint(d => d.Audiences = ["https://other.example.com/mcp"])));

        var measurements = duration.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal(AuthPlaneTelemetryTags.ResultSuccess, measurements[0].Tags[AuthPlaneTelemetryTags.Result]);
        Assert.False(measurements[0].Tags.ContainsKey(AuthPlaneTelemetryTags.Reason));
        Assert.Equal(AuthPlaneTelemetryTags.ResultRejected, measurements[1].Tags[AuthPlaneTelemetryTags.Result]);
        Assert.Equal("AudienceMismatch", measurements[1].Tags[AuthPlaneTelemetryTags.Reason]);
        Assert.All(measurements, m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task Replay_cache_fill_and_capacity_are_observed_and_nonces_counted()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero));
        using var services = new ServiceCollection().AddMetrics().AddSingleton<TimeProvider>(time).AddSingleton<AuthPlaneMetrics>().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = services.GetRequiredService<AuthPlaneMetrics>();
        using var entries = new MetricCollector<long>(factory, AuthPlaneDiagnostics.MeterName, "authplane.dpop.replay_cache.entries", time);
        using var capacity = new MetricCollector<long>(factory, AuthPlaneDiagnostics.MeterName, "authplane.dpop.replay_cache.capacity", time);
        using var nonces = new MetricCollector<long>(factory, AuthPlaneDiagnostics.MeterName, "authplane.dpop.nonces.issued", time);
        var options = Options.Create(new AuthPlaneOptions { DPoP = { ReplayCacheCapacity = 500, RequireNonce = true, NonceKey = Convert.ToBase64String(new byte[32]) } });
        var cache = new InMemoryDPoPReplayCache(options, time, metrics: metrics);
        var nonceService = new DPoPNonceService(options, time, metrics);

        for (var i = 0; i < 3; i++)
        {
            var entry = new DPoPReplayEntry("thumbprint", $"jti-{i}", time.GetUtcNow(), time.GetUtcNow().AddMinutes(5));
            Assert.Equal(ReplayCheckResult.Added, await cache.TryAddAsync(entry));
        }

        nonceService.Issue("thumbprint");
        nonceService.Issue("thumbprint");
        entries.RecordObservableInstruments();
        capacity.RecordObservableInstruments();

        Assert.Equal(3, entries.LastMeasurement!.Value);
        Assert.Equal(500, capacity.LastMeasurement!.Value);
        Assert.Equal(2, nonces.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
