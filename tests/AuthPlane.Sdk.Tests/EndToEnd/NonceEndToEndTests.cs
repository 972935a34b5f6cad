using System.Net;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static AuthPlane.Sdk.Tests.EndToEnd.Wire;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// Server DPoP nonces through the real pipeline (5 minute lifetime, the host's clock faked): every nonce that is
/// not this deployment's live nonce for this key is answered <c>use_dpop_nonce</c> with a fresh <c>DPoP-Nonce</c>,
/// and a nonce past half its lifetime is renewed on a successful response.
/// </summary>
public sealed class NonceEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>, IDisposable
{
    private readonly TestAuthority _authority = fixture.Authority;
    private readonly DPoPKey _key = DPoPKey.Create();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _key.Dispose();

    private Task<EndToEndHost> StartAsync(string nonceKey) => EndToEndHost.StartAsync(
        _authority.Issuer,
        o => (o.DPoP.RequireNonce, o.DPoP.NonceKey, o.DPoP.NonceLifetime) = (true, nonceKey, TimeSpan.FromMinutes(5)),
        time: _time);

    private string Token() => _authority.MintAccessToken(EndToEndHost.Resource, d => d.ConfirmationThumbprint = _key.Thumbprint);

    private Task<HttpResponseMessage> SendAsync(EndToEndHost host, string token, string? nonce) =>
        host.PostAsync("DPoP " + token, Rpc.ListTools, new DPoPProofBuilder(_key, "POST", EndToEndHost.Resource, _time).WithAccessToken(token).WithNonce(nonce).Build());

    private async Task<string> NonceAsync(EndToEndHost host, string token)
    {
        using var challenge = await SendAsync(host, token, nonce: null);
        return Assert.Single(challenge.Headers.GetValues("DPoP-Nonce"));
    }

    private static async Task AssertNonceChallengeAsync(HttpResponseMessage response, string? refusedNonce)
    {
        await AssertUnauthorizedAsync(response, "DPoP", "use_dpop_nonce", "A fresh DPoP nonce is required");
        var fresh = Assert.Single(response.Headers.GetValues("DPoP-Nonce"));
        Assert.NotEqual(refusedNonce, fresh);
    }

    [Fact]
    public async Task Garbage_nonce_is_answered_with_a_fresh_nonce()
    {
        await using var host = await StartAsync(NonceKey);

        using var response = await SendAsync(host, Token(), "garbage");

        await AssertNonceChallengeAsync(response, "garbage");
    }

    [Fact]
    public async Task Nonce_of_another_deployment_key_is_answered_with_a_fresh_nonce()
    {
        await using var other = await StartAsync(Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray()));
        await using var host = await StartAsync(NonceKey);
        var token = Token();
        var foreign = await NonceAsync(other, token);

        using var response = await SendAsync(host, token, foreign);

        await AssertNonceChallengeAsync(response, foreign);
    }

    [Fact]
    public async Task Nonce_is_accepted_to_the_end_of_its_lifetime_and_stale_one_second_later()
    {
        await using var host = await StartAsync(NonceKey);
        var token = Token();
        var nonce = await NonceAsync(host, token);

        _time.Advance(TimeSpan.FromMinutes(5));
        using var last = await SendAsync(host, token, nonce);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var stale = await SendAsync(host, token, nonce);

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        await AssertNonceChallengeAsync(stale, nonce);
    }

    [Fact]
    public async Task Nonce_past_half_its_lifetime_is_renewed_on_success_and_not_before()
    {
        await using var host = await StartAsync(NonceKey);
        var token = Token();
        var nonce = await NonceAsync(host, token);

        _time.Advance(TimeSpan.FromSeconds(150));
        using var half = await SendAsync(host, token, nonce);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var aging = await SendAsync(host, token, nonce);

        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        Assert.False(half.Headers.Contains("DPoP-Nonce"));
        Assert.Equal(HttpStatusCode.OK, aging.StatusCode);
        var renewed = Assert.Single(aging.Headers.GetValues("DPoP-Nonce"));
        Assert.NotEqual(nonce, renewed);
        using var withRenewed = await SendAsync(host, token, renewed);
        Assert.Equal(HttpStatusCode.OK, withRenewed.StatusCode);
    }
}
