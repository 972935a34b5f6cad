using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;
using static AuthPlane.Sdk.Tests.TestAuthorityOAuth.TokenEndpointTests;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>The authorization code and refresh token grants, attacked from the client's side: each rejection asserts AuthPlane's exact error.</summary>
public sealed class AuthorizationCodeGrantTests
{
    [Fact]
    public async Task A_redeemed_code_gives_a_15_minute_user_token_for_the_resource_with_a_refresh_token()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();

        var location = await flow.User.ConsentAsync(flow.AuthorizationUrl(clientId, challenge, state: "st<&>"));
        var redirect = ConsentUser.ReadRedirect(location);
        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, redirect.Code!, verifier));
        var claims = Claims(tokens["access_token"]!.GetValue<string>());

        Assert.Equal(FlowHarness.RedirectUri, location.GetLeftPart(UriPartial.Path));
        Assert.Equal("st<&>", redirect.State);
        Assert.Equal(flow.Authority.Issuer, redirect.Iss);
        Assert.Equal("Bearer", tokens["token_type"]!.GetValue<string>());
        Assert.Equal(900, tokens["expires_in"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]!.GetValue<string>()));
        Assert.Equal("calendar:read calendar:write", tokens["scope"]!.GetValue<string>());
        Assert.Equal("dev-user", claims.GetProperty("sub").GetString());
        Assert.Equal(clientId, claims.GetProperty("client_id").GetString());
        Assert.Equal(FlowHarness.Resource, Assert.Single(claims.GetProperty("aud").EnumerateArray()).GetString());
        Assert.Equal(flow.Time.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_and_the_tokens_of_its_first_use_are_revoked()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);
        var first = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, code, verifier));

        using var second = await flow.RedeemAsync(clientId, code, verifier);

        await AssertErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant", "authorization code has already been used");
        Assert.False(await flow.IsActiveAsync(first["access_token"]!.GetValue<string>()));
        await AssertErrorAsync(await flow.RefreshAsync(clientId, first["refresh_token"]!.GetValue<string>()), HttpStatusCode.BadRequest, "invalid_grant", "token family revoked due to reuse detection");
    }

    [Fact]
    public async Task A_wrong_code_verifier_fails_PKCE()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (_, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var response = await flow.RedeemAsync(clientId, code, FlowHarness.Pkce().Verifier);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "PKCE verification failed");
    }

    [Fact]
    public async Task A_redirect_uri_other_than_the_authorization_requests_is_refused()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var response = await flow.RedeemAsync(clientId, code, verifier, redirectUri: "http://127.0.0.1:4711/other");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "redirect_uri does not match the authorization request");
    }

    [Fact]
    public async Task A_different_resource_at_the_token_endpoint_is_invalid_target()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var response = await flow.RedeemAsync(clientId, code, verifier, resource: FlowHarness.Resource + "/");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_target", "resource does not match the authorization request");
    }

    [Theory]
    [InlineData("https://mcp.example.com/mcp/")]
    [InlineData("https://MCP.example.com/mcp")]
    [InlineData("https://other.example.com/mcp")]
    public async Task An_authorization_request_for_a_resource_not_known_byte_for_byte_is_sent_back_as_invalid_target(string resource)
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();

        using var response = await flow.Http.GetAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge, resource: resource));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("invalid_target", query["error"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
        Assert.Equal(flow.Authority.Issuer, query["iss"].ToString());
    }

    [Fact]
    public async Task A_code_is_redeemable_until_ten_minutes_and_expired_from_then_on()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var late = await flow.GetCodeAsync(clientId, challenge);
        var justInTime = await flow.GetCodeAsync(clientId, challenge);

        flow.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        using var accepted = await flow.RedeemAsync(clientId, justInTime, verifier);
        flow.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await flow.RedeemAsync(clientId, late, verifier);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await AssertErrorAsync(expired, HttpStatusCode.BadRequest, "invalid_grant", "authorization code has expired");
    }

    [Fact]
    public async Task A_code_issued_to_another_client_is_refused()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var thief = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var response = await flow.RedeemAsync(thief, code, verifier);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "authorization code was not issued to this client");
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_reuse_revokes_the_whole_family()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var first = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, await flow.GetCodeAsync(clientId, challenge), verifier));
        var firstRefresh = first["refresh_token"]!.GetValue<string>();

        var second = await FlowHarness.TokensAsync(await flow.RefreshAsync(clientId, firstRefresh));
        var secondRefresh = second["refresh_token"]!.GetValue<string>();
        var secondAccess = second["access_token"]!.GetValue<string>();
        var activeBeforeReuse = await flow.IsActiveAsync(secondAccess);
        using var reuse = await flow.RefreshAsync(clientId, firstRefresh);
        using var afterReuse = await flow.RefreshAsync(clientId, secondRefresh);

        Assert.NotEqual(firstRefresh, secondRefresh);
        Assert.Equal("calendar:read calendar:write", second["scope"]!.GetValue<string>());
        Assert.True(activeBeforeReuse);
        await AssertErrorAsync(reuse, HttpStatusCode.BadRequest, "invalid_grant", "refresh token has already been used");
        await AssertErrorAsync(afterReuse, HttpStatusCode.BadRequest, "invalid_grant", "token family revoked due to reuse detection");
        Assert.False(await flow.IsActiveAsync(secondAccess));
        Assert.False(await flow.IsActiveAsync(first["access_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refresh_token_of_another_client_is_invalid_grant()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var other = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, await flow.GetCodeAsync(clientId, challenge), verifier));

        using var response = await flow.RefreshAsync(other, tokens["refresh_token"]!.GetValue<string>());

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "the authorization grant is invalid, expired, or revoked");
    }

    [Fact]
    public async Task A_DPoP_proof_at_the_token_endpoint_binds_the_token_to_the_key()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var key = DPoPKey.Create();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, code, verifier, dpopProof: Proof(flow, key)));
        using var unbound = await flow.RefreshAsync(clientId, tokens["refresh_token"]!.GetValue<string>());

        Assert.Equal("DPoP", tokens["token_type"]!.GetValue<string>());
        Assert.Equal(key.Thumbprint, Claims(tokens["access_token"]!.GetValue<string>()).GetProperty("cnf").GetProperty("jkt").GetString());
        await AssertErrorAsync(unbound, HttpStatusCode.BadRequest, "invalid_dpop_proof", "DPoP proof key does not match the refresh token's binding");
    }

    [Fact]
    public async Task A_code_requested_with_dpop_jkt_needs_a_proof_of_that_key()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var key = DPoPKey.Create();
        using var otherKey = DPoPKey.Create();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var location = await flow.User.ConsentAsync(flow.AuthorizationUrl(clientId, challenge, extra: ("dpop_jkt", key.Thumbprint)));

        using var response = await flow.RedeemAsync(clientId, ConsentUser.ReadRedirect(location).Code!, verifier, dpopProof: Proof(flow, otherKey));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_dpop_proof", "DPoP proof key does not match dpop_jkt");
    }

    [Fact]
    public async Task With_nonces_required_a_proof_without_one_gets_use_dpop_nonce_and_a_nonce_to_retry_with()
    {
        await using var flow = await FlowHarness.StartAsync(options => options.RequireDPoPNonce = true);
        using var key = DPoPKey.Create();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var first = await flow.RedeemAsync(clientId, code, verifier, dpopProof: Proof(flow, key));
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();
        using var retry = await flow.RedeemAsync(clientId, code, verifier, dpopProof: Proof(flow, key, nonce));

        await AssertErrorAsync(first, HttpStatusCode.BadRequest, "use_dpop_nonce", "server nonce is required in DPoP proof");
        Assert.Equal("DPoP", (await FlowHarness.TokensAsync(retry))["token_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replayed_DPoP_proof_is_refused()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var key = DPoPKey.Create();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, await flow.GetCodeAsync(clientId, challenge), verifier));
        var proof = Proof(flow, key);
        using var fresh = await flow.PostTokenAsync([("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", tokens["refresh_token"]!.GetValue<string>())], proof);

        using var replay = await flow.PostTokenAsync([("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", (await OAuthHarness.JsonAsync(fresh))["refresh_token"]!.GetValue<string>())], proof);

        await AssertErrorAsync(replay, HttpStatusCode.BadRequest, "invalid_dpop_proof", "DPoP proof jti has already been used");
    }

    [Fact]
    public async Task Client_credentials_with_a_DPoP_proof_give_a_bound_machine_token()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var key = DPoPKey.Create("RS256");
        using var request = new HttpRequestMessage(HttpMethod.Post, flow.Authority.TokenEndpoint) { Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]) };
        request.Headers.Authorization = OAuthHarness.Basic(FlowHarness.IntrospectorId, FlowHarness.IntrospectorSecret);
        request.Headers.Add("DPoP", Proof(flow, key));

        var tokens = await FlowHarness.TokensAsync(await flow.Http.SendAsync(request));

        Assert.Equal("DPoP", tokens["token_type"]!.GetValue<string>());
        Assert.Equal(key.Thumbprint, Claims(tokens["access_token"]!.GetValue<string>()).GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task A_DPoP_proof_for_another_url_is_invalid_dpop_proof()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var key = DPoPKey.Create();
        using var request = new HttpRequestMessage(HttpMethod.Post, flow.Authority.TokenEndpoint) { Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]) };
        request.Headers.Authorization = OAuthHarness.Basic(FlowHarness.IntrospectorId, FlowHarness.IntrospectorSecret);
        request.Headers.Add("DPoP", new DPoPProofBuilder(key, "POST", flow.Authority.Issuer + "/other", flow.Time).Build());

        using var response = await flow.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_dpop_proof", "DPoP proof is invalid");
    }

    [Fact]
    public async Task Every_advertised_grant_type_is_served()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var metadataResponse = await flow.Http.GetAsync(flow.Authority.MetadataUri);
        var metadata = await OAuthHarness.JsonAsync(metadataResponse);

        foreach (var grant in metadata["grant_types_supported"]!.AsArray().Select(static g => g!.GetValue<string>()))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, flow.Authority.TokenEndpoint) { Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", grant)]) };
            request.Headers.Authorization = OAuthHarness.Basic(FlowHarness.IntrospectorId, FlowHarness.IntrospectorSecret);
            using var response = await flow.Http.SendAsync(request);
            var body = await OAuthHarness.JsonAsync(response);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, grant);
            Assert.NotEqual("unsupported_grant_type", body["error"]?.GetValue<string>());
        }
    }

    private static string Proof(FlowHarness flow, DPoPKey key, string? nonce = null)
    {
        var builder = new DPoPProofBuilder(key, "POST", flow.Authority.TokenEndpoint.ToString(), flow.Time);
        return (nonce is null ? builder : builder.WithNonce(nonce)).Build();
    }

    internal static JsonElement Claims(string token)
        => JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;
}
