using System.Security.Cryptography;
using System.Text;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class DPoPOutboundTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Nonce123 = new() { ["DPoP-Nonce"] = "nonce-123" };
    private const string UseDPoPNonce = """{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}""";
    private const string DPoPToken = """{"access_token":"ok","token_type":"DPoP"}""";

    [Fact]
    [ConformanceCase("rfc9449-dpop-provider-must-build-dpop-jwt-header")]
    public void Proof_header_has_typ_dpop_jwt_alg_ES256_and_the_public_jwk_only()
    {
        using var provider = new DPoPProofProvider(new FakeTimeProvider(Now), TimeSpan.FromSeconds(60));

        var proof = DPoPProof.Decode(provider.CreateProof("POST", new Uri("https://auth.example.com/oauth/token")));

        Assert.Equal("dpop+jwt", proof.Header.GetProperty("typ").GetString());
        Assert.Equal("ES256", proof.Header.GetProperty("alg").GetString());
        var jwk = proof.Header.GetProperty("jwk");
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
        var thumbprintInput = $$"""{"crv":"P-256","kty":"EC","x":"{{jwk.GetProperty("x").GetString()}}","y":"{{jwk.GetProperty("y").GetString()}}"}""";
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput))), provider.JwkThumbprint);
    }

    [Fact]
    [ConformanceCase("rfc9449-generated-dpop-proof-should-include-exp")]
    public void Proof_carries_jti_htm_iat_and_exp_at_the_configured_lifetime()
    {
        using var provider = new DPoPProofProvider(new FakeTimeProvider(Now), TimeSpan.FromSeconds(60));

        var first = DPoPProof.Decode(provider.CreateProof("POST", new Uri("https://auth.example.com/oauth/token")));
        var second = DPoPProof.Decode(provider.CreateProof("POST", new Uri("https://auth.example.com/oauth/token")));

        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Claim("iat"));
        Assert.Equal((Now.ToUnixTimeSeconds() + 60).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Claim("exp"));
        Assert.Equal("POST", first.Claim("htm"));
        Assert.False(string.IsNullOrEmpty(first.Claim("jti")));
        Assert.NotEqual(first.Claim("jti"), second.Claim("jti"));
        Assert.Null(first.Claim("nonce"));
        Assert.Null(first.Claim("ath"));
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-htu-must-strip-query-and-fragment")]
    public void Proof_htu_drops_query_and_fragment()
    {
        using var provider = new DPoPProofProvider(new FakeTimeProvider(Now), TimeSpan.FromSeconds(60));

        var proof = DPoPProof.Decode(provider.CreateProof("GET", new Uri("https://api.example.com/resource?page=1&size=10#section")));

        Assert.Equal("https://api.example.com/resource", proof.Claim("htu"));
        Assert.Equal("GET", proof.Claim("htm"));
    }

    [Fact]
    public void Proof_for_an_access_token_carries_its_ath()
    {
        using var provider = new DPoPProofProvider(new FakeTimeProvider(Now), TimeSpan.FromSeconds(60));

        // RFC 9449 §7.1 example access token and its ath.
        var proof = DPoPProof.Decode(provider.CreateProof("GET", new Uri("https://resource.example.org/protectedresource"), "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));

        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", proof.Claim("ath"));
    }

    [Fact]
    public async Task Token_endpoint_calls_carry_a_proof_for_POST_on_the_token_endpoint()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(FakeAnswer.Json(200, DPoPToken));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        var proof = DPoPProof.Decode(h.Authority.SingleRequest.DPoP!);
        Assert.Equal("POST", proof.Claim("htm"));
        Assert.Equal(h.Authority.TokenEndpoint.AbsoluteUri, proof.Claim("htu"));
        Assert.Equal("DPoP", token.TokenType);
    }

    [Fact]
    public async Task Without_DPoP_no_proof_is_sent()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Null(h.Authority.SingleRequest.DPoP);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-nonce-challenge-must-trigger-single-retry")]
    public async Task A_use_dpop_nonce_challenge_is_retried_exactly_once_with_the_nonce()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(FakeAnswer.Json(400, UseDPoPNonce, Nonce123), FakeAnswer.Json(200, DPoPToken));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        var requests = h.Authority.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(DPoPProof.Decode(requests[0].DPoP!).Claim("nonce"));
        Assert.Equal("nonce-123", DPoPProof.Decode(requests[1].DPoP!).Claim("nonce"));
        Assert.Equal("ok", token.AccessToken);
        Assert.Equal("nonce-123", h.DPoP.GetNonce(h.Authority.BaseAddress));
    }

    [Fact]
    public async Task A_second_nonce_challenge_is_not_retried_again()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(
            FakeAnswer.Json(400, UseDPoPNonce, Nonce123),
            FakeAnswer.Json(400, UseDPoPNonce, new Dictionary<string, string> { ["DPoP-Nonce"] = "nonce-456" }),
            FakeAnswer.Json(200, DPoPToken));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Equal(2, h.Authority.Requests.Count);
        Assert.Equal("use_dpop_nonce", error.Error);
        Assert.Equal("nonce-456", h.DPoP.GetNonce(h.Authority.TokenEndpoint));
    }

    [Fact]
    public async Task A_use_dpop_nonce_error_without_a_nonce_header_is_not_retried()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(FakeAnswer.Json(400, UseDPoPNonce), FakeAnswer.Json(200, DPoPToken));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Single(h.Authority.Requests);
        Assert.Equal("use_dpop_nonce", error.Error);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-nonce-on-success-response-should-be-stored")]
    public async Task A_nonce_on_a_success_response_is_stored_and_sent_next_time()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(
            FakeAnswer.Json(200, DPoPToken, new Dictionary<string, string> { ["DPoP-Nonce"] = "nonce-456" }),
            FakeAnswer.Json(200, DPoPToken));

        await h.Client.RequestClientCredentialsTokenAsync();
        await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal("nonce-456", h.DPoP.GetNonce(h.Authority.TokenEndpoint));
        Assert.Equal("nonce-456", DPoPProof.Decode(h.Authority.Requests.ToArray()[1].DPoP!).Claim("nonce"));
    }

    [Fact]
    [ConformanceCase("rfc9110-rfc9449-dpop-nonce-header-must-be-treated-case-insensitively")]
    public async Task The_nonce_header_name_is_matched_case_insensitively()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(
            FakeAnswer.Json(400, UseDPoPNonce, new Dictionary<string, string> { ["Dpop-Nonce"] = "nonce-123" }),
            FakeAnswer.Json(200, DPoPToken));

        await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal(2, h.Authority.Requests.Count);
        Assert.Equal("nonce-123", DPoPProof.Decode(h.Authority.Requests.ToArray()[1].DPoP!).Claim("nonce"));
        Assert.Equal("nonce-123", h.DPoP.GetNonce(h.Authority.BaseAddress));
    }

    [Fact]
    public void Nonces_are_kept_per_origin()
    {
        using var provider = new DPoPProofProvider(new FakeTimeProvider(Now), TimeSpan.FromSeconds(60));

        provider.RememberNonce(new Uri("https://auth.example.com/oauth/token"), "n-auth");

        Assert.Equal("n-auth", provider.GetNonce(new Uri("https://AUTH.example.com:443/other")));
        Assert.Null(provider.GetNonce(new Uri("https://other.example.com/oauth/token")));
        Assert.Null(provider.GetNonce(new Uri("https://auth.example.com:8443/oauth/token")));
    }
}
