using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Client;
using AuthPlane.Sdk.Tests.Conformance;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Logging;
using NSubstitute;

using Xunit;

namespace AuthPlane.Sdk.Tests.Introspection;

public sealed class IntrospectingAccessTokenVerifierTests
{
    private const string Token = "header.payload.signature";
    private const int FailOpenEventId = 4101;

    [Fact]
    public async Task Active_token_is_accepted_after_one_introspection_of_that_token()
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true,"sub":"user-1","client_id":"client-1"}""");

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.True(result.Succeeded);
        Assert.Equal("user-1", result.Token!.Subject);
        var request = Assert.Single(h.Authority.Requests);
        Assert.Equal("/oauth/introspect", request.Path);
        Assert.Equal(Token, request.Form["token"].ToString());
        Assert.Equal("access_token", request.Form["token_type_hint"].ToString());
    }

    [Fact]
    public async Task Active_answer_is_reused_until_exactly_the_cache_duration_has_passed()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.ActiveResultCacheDuration = TimeSpan.FromSeconds(30));
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");

        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        h.Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        Assert.Equal(1, h.IntrospectionRequests);

        h.Time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        Assert.Equal(2, h.IntrospectionRequests);
    }

    [Theory]
    [InlineData(10, null)] // the token's exp
    [InlineData(null, 5)] // the exp the authority reports
    public async Task Active_answer_is_never_reused_beyond_an_exp_earlier_than_the_cache_duration(int? tokenExpSeconds, int? reportedExpSeconds)
    {
        var reusedSeconds = tokenExpSeconds ?? reportedExpSeconds!.Value;
        var inner = InnerVerifier.Accepting(expiresAt: tokenExpSeconds is { } exp ? InnerVerifier.Start.AddSeconds(exp) : null);
        await using var h = await IntrospectionHarness.StartAsync(o => o.ActiveResultCacheDuration = TimeSpan.FromSeconds(30), inner);
        h.Authority.DefaultAnswer = reportedExpSeconds is { } reported
            ? FakeAnswer.Json(200, $$"""{"active":true,"exp":{{InnerVerifier.Start.AddSeconds(reported).ToUnixTimeSeconds()}}}""")
            : FakeAnswer.Json(200, """{"active":true}""");

        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        h.Time.Advance(TimeSpan.FromSeconds(reusedSeconds) - TimeSpan.FromTicks(1));
        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        Assert.Equal(1, h.IntrospectionRequests);

        h.Time.Advance(TimeSpan.FromTicks(1));
        await h.Verifier.VerifyAsync(Token);
        Assert.Equal(2, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Cache_hits_complete_synchronously_without_allocating_per_request()
    {
        const int Hits = 1_000;
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");
        var verifier = h.Verifier;
        await verifier.VerifyAsync(Token);
        for (var i = 0; i < 2 * Hits; i++)
        {
            await verifier.VerifyAsync(Token); // warm up the JIT tiers and the array pool
        }

        // The inner verifier is a substitute, which records every call: what it allocates for the same calls on its own
        // (from the same empty call record) is taken off, so the bound is on the decorator's cache hit alone.
        h.Inner.ClearReceivedCalls();
        var innerAllocated = await AllocatedAsync(h.Inner, Hits);
        h.Inner.ClearReceivedCalls();
        var allocated = await AllocatedAsync(verifier, Hits) - innerAllocated;

        // One allocation per hit would be at least 24 bytes each; the bound leaves room for one-off runtime work only.
        Assert.True(allocated < 8 * Hits, $"{allocated} bytes allocated by the decorator for {Hits} cache hits");
        Assert.Equal(1, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Zero_active_cache_duration_introspects_every_request()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.ActiveResultCacheDuration = TimeSpan.Zero);
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");

        await h.Verifier.VerifyAsync(Token);
        await h.Verifier.VerifyAsync(Token);

        Assert.Equal(2, h.IntrospectionRequests);
    }

    [Theory]
    [InlineData("""{"active":false}""")]
    [InlineData("""{}""")]
    [InlineData("""{"active":"true"}""")]
    [ConformanceCase("rfc7662-verifier-active-false-must-reject-token")]
    public async Task Inactive_or_missing_active_rejects_a_verified_token_as_TokenInactive(string answer)
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, answer);

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.False(result.Succeeded);
        Assert.Equal(RejectionReason.TokenInactive, result.Reason);
        Assert.Equal(401, result.Reason.StatusCode());
        Assert.Equal("invalid_token", result.Reason.ErrorCode());
        Assert.Equal(1, h.Inner.Calls());
        Assert.Equal(1, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Inactive_answer_is_cached_only_as_inactive_and_only_for_the_inactive_duration()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.InactiveResultCacheDuration = TimeSpan.FromSeconds(20));
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":false}"""), FakeAnswer.Json(200, """{"active":true}"""));

        Assert.Equal(RejectionReason.TokenInactive, (await h.Verifier.VerifyAsync(Token)).Reason);
        h.Time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.Equal(RejectionReason.TokenInactive, (await h.Verifier.VerifyAsync(Token)).Reason);
        Assert.Equal(1, h.IntrospectionRequests);

        h.Time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await h.Verifier.VerifyAsync(Token)).Succeeded);
        Assert.Equal(2, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Zero_inactive_cache_duration_asks_again_for_an_inactive_token()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.InactiveResultCacheDuration = TimeSpan.Zero);
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":false}""");

        Assert.Equal(RejectionReason.TokenInactive, (await h.Verifier.VerifyAsync(Token)).Reason);
        Assert.Equal(RejectionReason.TokenInactive, (await h.Verifier.VerifyAsync(Token)).Reason);

        Assert.Equal(2, h.IntrospectionRequests);
    }

    [Theory]
    [InlineData("""{"active":true,"sub":"someone-else","client_id":"client-1"}""")]
    [InlineData("""{"active":true,"sub":"user-1","client_id":"another-client"}""")]
    [InlineData("""{"active":true,"sub":"USER-1"}""")]
    public async Task Active_answer_for_another_subject_or_client_is_treated_as_inactive(string answer)
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, answer);

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.Equal(RejectionReason.TokenInactive, result.Reason);
        Assert.Single(h.Logs.WithEventId(4104));
    }

    [Theory]
    [InlineData(RejectionReason.InvalidSignature)]
    [InlineData(RejectionReason.TokenExpired)]
    [InlineData(RejectionReason.AudienceMismatch)]
    [InlineData(RejectionReason.AuthorityUnavailable)]
    public async Task Token_the_inner_verifier_rejects_is_not_introspected(RejectionReason innerReason)
    {
        await using var h = await IntrospectionHarness.StartAsync(inner: InnerVerifier.Rejecting(innerReason));

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.Equal(innerReason, result.Reason);
        Assert.Equal(1, h.Inner.Calls());
        Assert.Empty(h.Authority.Requests);
    }

    [Theory]
    [InlineData("status-500")]
    [InlineData("status-503")]
    [InlineData("not-json")]
    [InlineData("endpoint-down")]
    public async Task Introspection_failure_rejects_as_IntrospectionUnavailable_by_default(string failure)
    {
        await using var h = await StartFailingAsync(failure, failOpen: null);

        var first = await h.Verifier.VerifyAsync(Token);
        var second = await h.Verifier.VerifyAsync(Token);

        Assert.Equal(RejectionReason.IntrospectionUnavailable, first.Reason);
        Assert.Equal(RejectionReason.IntrospectionUnavailable, second.Reason);
        Assert.Equal(503, first.Reason.StatusCode());
        Assert.Equal("temporarily_unavailable", first.Reason.ErrorCode());
        Assert.Empty(h.Logs.WithEventId(FailOpenEventId));
        if (failure != "endpoint-down")
        {
            Assert.Equal(2, h.IntrospectionRequests); // failures are never cached
        }
    }

    [Fact]
    [ConformanceCase("rfc7662-introspection-fail-open-policy-must-be-explicitly-tested")]
    public async Task Fail_open_accepts_a_verified_token_when_introspection_answers_500_and_logs_a_warning_each_time()
    {
        await using var h = await StartFailingAsync("status-500", failOpen: true);

        var first = await h.Verifier.VerifyAsync(Token);
        var second = await h.Verifier.VerifyAsync(Token);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("user-1", first.Token!.Subject);
        Assert.Equal(2, h.IntrospectionRequests);
        var warnings = h.Logs.WithEventId(FailOpenEventId);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w =>
        {
            Assert.Equal(LogLevel.Warning, w.Level);
            Assert.Contains("client-1", w.Message, StringComparison.Ordinal);
            Assert.Contains("FailOpen", w.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, w.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("not-json")]
    [InlineData("endpoint-down")]
    public async Task Fail_open_also_accepts_when_the_endpoint_is_down_or_answers_garbage(string failure)
    {
        await using var h = await StartFailingAsync(failure, failOpen: true);

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.True(result.Succeeded);
        Assert.Single(h.Logs.WithEventId(FailOpenEventId));
    }

    [Fact]
    public async Task Fail_open_still_rejects_an_inactive_token()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.FailOpen = true);
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":false}""");

        Assert.Equal(RejectionReason.TokenInactive, (await h.Verifier.VerifyAsync(Token)).Reason);
    }

    [Theory]
    [InlineData("invalid-client")]
    [InlineData("no-introspection-endpoint")]
    public async Task Misconfigured_introspection_fails_closed_even_with_fail_open(string failure)
    {
        await using var h = await StartFailingAsync(failure, failOpen: true);

        var result = await h.Verifier.VerifyAsync(Token);

        Assert.Equal(RejectionReason.IntrospectionUnavailable, result.Reason);
        Assert.Empty(h.Logs.WithEventId(FailOpenEventId));
        Assert.Single(h.Logs.WithEventId(4103));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_token_share_a_single_introspection_call()
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Authority.Hold = release.Task;
        var verifier = h.Verifier;

        var calls = Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await verifier.VerifyAsync(Token))).ToArray();
        await h.Authority.FirstRequestReceived;
        while (h.Inner.Calls() < 32)
        {
            await Task.Yield(); // every caller has passed the inner verifier and joined or started the call
        }

        release.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Different_tokens_are_introspected_separately()
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");

        await h.Verifier.VerifyAsync("token.number.one");
        await h.Verifier.VerifyAsync("token.number.two");

        Assert.Equal(["token.number.one", "token.number.two"], h.Authority.Requests.Select(r => r.Form["token"].ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancelled_request_stops_waiting_while_the_shared_call_completes_for_the_others()
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Authority.Hold = release.Task;
        using var cancel = new CancellationTokenSource();

        var cancelled = h.Verifier.VerifyAsync(Token, cancel.Token).AsTask();
        var patient = h.Verifier.VerifyAsync(Token).AsTask();
        await h.Authority.FirstRequestReceived;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        release.SetResult();
        Assert.True((await patient).Succeeded);
        Assert.Equal(1, h.IntrospectionRequests);
    }

    [Fact]
    public async Task Cache_that_is_full_replaces_its_earliest_expiring_answer_and_stays_within_its_size()
    {
        await using var h = await IntrospectionHarness.StartAsync(o => o.MaxCacheEntries = 1);
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"active":true}""");

        await h.Verifier.VerifyAsync("token.a.sig");
        await h.Verifier.VerifyAsync("token.a.sig");
        Assert.Equal(1, h.IntrospectionRequests); // a cached

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Verifier.VerifyAsync("token.b.sig"); // b replaces a, which expires first
        await h.Verifier.VerifyAsync("token.b.sig");
        Assert.Equal(2, h.IntrospectionRequests);

        await h.Verifier.VerifyAsync("token.a.sig"); // a was dropped: asked again
        Assert.Equal(3, h.IntrospectionRequests);
    }

    private static Task<IntrospectionHarness> StartFailingAsync(string failure, bool? failOpen)
    {
        Func<FakeTokenAuthority, AuthorizationServerMetadata>? metadata = failure switch
        {
            "endpoint-down" => IntrospectionHarness.UnreachableIntrospection,
            "no-introspection-endpoint" => a => new AuthorizationServerMetadata { Issuer = a.BaseAddress.AbsoluteUri.TrimEnd('/'), JwksUri = new Uri(a.BaseAddress, "/jwks") },
            _ => null,
        };
        return StartAsync();

        async Task<IntrospectionHarness> StartAsync()
        {
            var h = await IntrospectionHarness.StartAsync(o => o.FailOpen = failOpen ?? o.FailOpen, metadata: metadata);
            h.Authority.DefaultAnswer = failure switch
            {
                "status-500" => FakeAnswer.Json(500, """{"error":"server_error"}"""),
                "status-503" => FakeAnswer.Json(503, """{"active":true}"""),
                "not-json" => new FakeAnswer(200, "<html>gateway</html>", "text/html"),
                "invalid-client" => FakeAnswer.Json(401, """{"error":"invalid_client"}"""),
                _ => FakeAnswer.Json(200, """{"active":true}"""),
            };
            return h;
        }
    }

    /// <summary>The bytes this thread allocates for <paramref name="calls"/> synchronous verifications of <see cref="Token"/>.</summary>
    private static async Task<long> AllocatedAsync(IAccessTokenVerifier verifier, int calls)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            var hit = verifier.VerifyAsync(Token);
            Assert.True(hit.IsCompletedSuccessfully);
            await hit;
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
