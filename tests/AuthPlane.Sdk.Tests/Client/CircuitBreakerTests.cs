using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using Polly.CircuitBreaker;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class CircuitBreakerTests
{
    private const int Throughput = 4;
    private static readonly TokenExchangeRequest Exchange = new() { SubjectToken = "eyJ.caller", Resources = ["https://calendar.example.com"] };

    private static Task<OAuthClientHarness> StartAsync() => OAuthClientHarness.StartAsync(configureClient: o =>
    {
        o.CircuitBreakerMinimumThroughput = Throughput;
        o.CircuitBreakerFailureRatio = 0.5;
        o.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
    });

    [Fact]
    public async Task Repeated_5xx_answers_open_the_circuit_and_later_calls_fail_fast()
    {
        await using var h = await StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(503, """{"error":"temporarily_unavailable"}""");

        for (var i = 0; i < Throughput; i++)
        {
            var failure = await Assert.ThrowsAsync<AuthPlaneServerException>(() => h.Client.ExchangeTokenAsync(Exchange));
            Assert.Equal(503, failure.StatusCode);
        }

        var open = await Assert.ThrowsAsync<AuthPlaneServerException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.IsType<BrokenCircuitException>(open.InnerException, exactMatch: false);
        Assert.Null(open.StatusCode);
        Assert.Equal(Throughput, h.Authority.Requests.Count);
    }

    [Fact]
    public async Task Repeated_consent_errors_never_open_the_circuit()
    {
        await using var h = await StartAsync();
        h.Authority.DefaultAnswer = new FakeAnswer(400, """{"error":"consent_required","error_description":"Authorize","consent_url":"https://auth.example.com/connect/x","cause":"consent_missing"}""", "application/problem+json");

        for (var i = 0; i < Throughput * 3; i++)
        {
            await Assert.ThrowsAsync<AuthPlaneConsentRequiredException>(() => h.Client.ExchangeTokenAsync(Exchange));
        }

        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"access_token":"x","token_type":"Bearer","issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}""");
        var token = await h.Client.ExchangeTokenAsync(Exchange);

        Assert.Equal("x", token.AccessToken);
        Assert.Equal(Throughput * 3 + 1, h.Authority.Requests.Count);
    }

    [Fact]
    public async Task Repeated_policy_refusals_never_open_the_circuit()
    {
        await using var h = await StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(400, """{"error":"access_denied"}""");

        for (var i = 0; i < Throughput * 3; i++)
        {
            var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.ExchangeTokenAsync(Exchange));
            Assert.Equal(OAuthErrorKind.AccessDenied, error.Kind);
        }

        Assert.Equal(Throughput * 3, h.Authority.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_authority_is_a_server_error_without_status()
    {
        // Port 1 on loopback has no listener: the connection is refused (a transport failure).
        await using var h = await OAuthClientHarness.StartAsync(metadata: a => new AuthorizationServerMetadata
        {
            Issuer = "http://127.0.0.1:1",
            JwksUri = new Uri("http://127.0.0.1:1/jwks"),
            TokenEndpoint = new Uri("http://127.0.0.1:1/oauth/token"),
        });

        var error = await Assert.ThrowsAsync<AuthPlaneServerException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal("temporarily_unavailable", error.Error);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task An_authority_that_does_not_answer_within_the_total_timeout_is_a_server_error()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(30);
            o.AttemptTimeout = TimeSpan.FromHours(1);
        });
        var release = new TaskCompletionSource();
        h.Authority.Hold = release.Task;

        var call = h.Client.ExchangeTokenAsync(Exchange);
        await h.Authority.FirstRequestReceived.WaitAsync(TimeSpan.FromSeconds(30));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<AuthPlaneServerException>(() => call.WaitAsync(TimeSpan.FromSeconds(30))); // real-time guard only
        release.SetResult();

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_as_cancellation()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.ExchangeTokenAsync(Exchange, cancelled.Token));
    }
}
