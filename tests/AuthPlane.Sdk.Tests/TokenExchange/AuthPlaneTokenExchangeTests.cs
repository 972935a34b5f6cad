using AuthPlane.Sdk.AspNetCore.TokenExchange;
using AuthPlane.Sdk.Tests.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AuthPlane.Sdk.Tests.TokenExchange;

public sealed class AuthPlaneTokenExchangeTests
{
    private const string Resource = "https://calendar.example.com";

    private static Task<OAuthClientHarness> StartAsync() => OAuthClientHarness.StartAsync(services: s => s.AddAuthPlaneTokenExchange());

    private static void SetCaller(OAuthClientHarness h, string? rawToken) =>
        h.Get<IHttpContextAccessor>().HttpContext = rawToken is null ? new DefaultHttpContext() : new DefaultHttpContext { User = CallerTokens.Principal(rawToken) };

    [Fact]
    public async Task Exchanges_the_current_callers_token_for_the_resource_with_this_servers_credentials()
    {
        await using var h = await StartAsync();
        SetCaller(h, "caller.access.token");
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"upstream-token","token_type":"Bearer","expires_in":600,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"""));

        var token = await h.Get<IAuthPlaneTokenExchange>().ExchangeAsync(Resource, ["calendar.read"]);

        var request = h.Authority.SingleRequest;
        Assert.Equal("upstream-token", token.AccessToken);
        Assert.Equal("caller.access.token", request.Form["subject_token"].ToString());
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", request.Form["subject_token_type"].ToString());
        Assert.Equal(Resource, request.Form["resource"].ToString());
        Assert.Equal("calendar.read", request.Form["scope"].ToString());
        Assert.StartsWith("Basic ", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_exchange_for_the_same_caller_resource_and_scopes_is_served_from_the_cache()
    {
        await using var h = await StartAsync();
        SetCaller(h, "caller.access.token");
        var exchange = h.Get<IAuthPlaneTokenExchange>();

        var first = await exchange.ExchangeAsync(Resource, ["calendar.read"]);
        var second = await exchange.ExchangeAsync(Resource, ["calendar.read"]);

        Assert.Same(first, second);
        Assert.Single(h.Authority.Requests);
    }

    [Fact]
    public async Task Another_caller_never_gets_the_first_callers_exchanged_token()
    {
        await using var h = await StartAsync();
        var exchange = h.Get<IAuthPlaneTokenExchange>();
        h.Authority.Enqueue(
            FakeAnswer.Json(200, """{"access_token":"for-alice","token_type":"Bearer","expires_in":600,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"""),
            FakeAnswer.Json(200, """{"access_token":"for-bob","token_type":"Bearer","expires_in":600,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"""));

        SetCaller(h, "alice.token");
        var alice = await exchange.ExchangeAsync(Resource);
        SetCaller(h, "bob.token");
        var bob = await exchange.ExchangeAsync(Resource);

        Assert.Equal("for-alice", alice.AccessToken);
        Assert.Equal("for-bob", bob.AccessToken);
        Assert.Equal(["alice.token", "bob.token"], h.Authority.Requests.Select(r => r.Form["subject_token"].ToString()).ToArray());
    }

    [Fact]
    public async Task A_token_with_expires_in_zero_is_exchanged_again_each_time()
    {
        await using var h = await StartAsync();
        SetCaller(h, "caller.access.token");
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, """{"access_token":"once","token_type":"Bearer","expires_in":0,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}""");
        var exchange = h.Get<IAuthPlaneTokenExchange>();

        await exchange.ExchangeAsync(Resource);
        await exchange.ExchangeAsync(Resource);

        Assert.Equal(2, h.Authority.Requests.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_an_authenticated_AuthPlane_caller_the_exchange_fails_clearly_before_any_request(bool hasHttpContext)
    {
        await using var h = await StartAsync();
        if (hasHttpContext)
        {
            SetCaller(h, null);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Get<IAuthPlaneTokenExchange>().ExchangeAsync(Resource));

        Assert.Contains("caller's AuthPlane access token", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Authority.Requests);
    }
}
