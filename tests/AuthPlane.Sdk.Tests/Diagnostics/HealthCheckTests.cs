using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Diagnostics;
using AuthPlane.Sdk.Redis;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Redis;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Diagnostics;

/// <summary>The health checks turn unhealthy when the authority or Redis goes away, and healthy again after recovery.</summary>
public sealed class HealthCheckTests
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("test", _ => throw new InvalidOperationException(), HealthStatus.Unhealthy, []),
    };

    [Fact]
    public async Task Authority_check_is_unhealthy_while_no_keys_can_be_had_and_healthy_after_recovery()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var check = new AuthPlaneAuthorityHealthCheck(harness.Metadata, harness.Keys);
        harness.Authority.MetadataFault = EndpointFault.ServerError;

        var down = await check.CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("metadata", down.Description, StringComparison.OrdinalIgnoreCase);

        harness.Authority.MetadataFault = EndpointFault.None;
        harness.FakeTime.Advance(TimeSpan.FromMinutes(10)); // past the back-off after the failure

        var up = await check.CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.True(up.Data.ContainsKey("jwks_last_success"));
    }

    [Fact]
    public async Task Authority_check_is_degraded_while_last_good_keys_outlive_their_lifetime()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksCacheControl = "max-age=300";
        var check = new AuthPlaneAuthorityHealthCheck(harness.Metadata, harness.Keys);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context)).Status);

        harness.Authority.JwksFault = EndpointFault.ServerError;
        harness.FakeTime.Advance(TimeSpan.FromSeconds(301)); // past the keys' lifetime, within their maximum age

        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(Context)).Status);
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded); // the last good keys still serve
    }

    [Fact]
    public async Task Warmup_loads_the_keys_at_start_without_waiting_for_a_request()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var warmup = new AuthPlaneWarmup(harness.Keys, Options.Create(new AuthPlaneAspNetCoreOptions()), NullLogger<AuthPlaneWarmup>.Instance);

        await warmup.StartAsync(CancellationToken.None);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.JwksFetchCount == 1);
        await warmup.StopAsync(CancellationToken.None);

        Assert.Equal(1, harness.Authority.JwksFetchCount);
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(1, harness.Authority.JwksFetchCount); // the first request did not fetch
    }

    [Fact]
    public async Task Warmup_can_be_turned_off()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        using var warmup = new AuthPlaneWarmup(harness.Keys, Options.Create(new AuthPlaneAspNetCoreOptions { WarmUp = false }), NullLogger<AuthPlaneWarmup>.Instance);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.StopAsync(CancellationToken.None);

        Assert.Equal(0, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task Redis_check_is_unhealthy_while_the_store_is_down_and_healthy_after_recovery()
    {
        var port = RedisServer.FreePort();
        var server = RedisServer.Start(port);
        try
        {
            await using var cache = new RedisDPoPReplayCache(
                Options.Create(new RedisReplayCacheOptions { ConnectionString = $"127.0.0.1:{port}", Timeout = TimeSpan.FromSeconds(1) }),
                TimeProvider.System);
            var check = new RedisReplayCacheHealthCheck(cache);
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context)).Status);

            server.Dispose();
            Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(Context)).Status);

            server = RedisServer.Start(port);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while ((await check.CheckHealthAsync(Context, timeout.Token)).Status != HealthStatus.Healthy)
            {
                await Task.Delay(50, timeout.Token); // the client reconnects in the background: fails only if it never does
            }
        }
        finally
        {
            server.Dispose();
        }
    }
}
