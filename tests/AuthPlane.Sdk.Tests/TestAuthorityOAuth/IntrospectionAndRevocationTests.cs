using System.Net;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>RFC 7662 introspection and RFC 7009 revocation at the test authority.</summary>
public sealed class IntrospectionAndRevocationTests
{
    [Fact]
    public async Task An_active_token_introspects_with_the_standard_fields()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var now = harness.Inner.Time.GetUtcNow().ToUnixTimeSeconds();
        var token = harness.Inner.Mint(d =>
        {
            d.Subject = "alice";
            d.ClientId = "mcp-inspector";
            d.TokenId = "jti-1";
            d.Scopes = ["tools:read", "tools:write"];
        });

        using var response = await harness.IntrospectAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await OAuthHarness.JsonAsync(response);
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("tools:read tools:write", body["scope"]!.GetValue<string>());
        Assert.Equal("mcp-inspector", body["client_id"]!.GetValue<string>());
        Assert.Equal("alice", body["sub"]!.GetValue<string>());
        Assert.Equal([AuthorityHarness.Resource], body["aud"]!.AsArray().Select(static aud => aud!.GetValue<string>()));
        Assert.Equal(harness.Authority.Issuer, body["iss"]!.GetValue<string>());
        Assert.Equal(now + 3600, body["exp"]!.GetValue<long>());
        Assert.Equal(now, body["iat"]!.GetValue<long>());
        Assert.Equal(now, body["nbf"]!.GetValue<long>());
        Assert.Equal("jti-1", body["jti"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.False(body.ContainsKey("cnf"));
    }

    [Fact]
    public async Task A_dpop_bound_token_introspects_with_its_cnf_and_token_type_dpop()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint(d => d.ConfirmationThumbprint = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

        using var response = await harness.IntrospectAsync(token);

        var body = await OAuthHarness.JsonAsync(response);
        Assert.Equal("DPoP", body["token_type"]!.GetValue<string>());
        Assert.Equal("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I", body["cnf"]!["jkt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_is_active_until_its_exp_and_inactive_from_exp_on()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint();

        harness.Inner.FakeTime.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        var lastSecond = await IntrospectBodyAsync(harness, token);
        harness.Inner.FakeTime.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await IntrospectBodyAsync(harness, token);

        Assert.True(lastSecond["active"]!.GetValue<bool>());
        AssertInactive(atExpiry);
    }

    [Fact]
    public async Task A_token_before_its_nbf_is_inactive()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint(d => d.NotBefore = harness.Inner.Time.GetUtcNow().AddSeconds(1));

        AssertInactive(await IntrospectBodyAsync(harness, token));
    }

    [Fact]
    public async Task Tokens_the_authority_did_not_sign_are_inactive()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var foreignKey = harness.Authority.CreateUnpublishedKey();
        var foreign = harness.Inner.Mint(d => d.SigningKey = foreignKey);
        var zeroSignature = harness.Inner.Mint(d => d.Signature = new byte[64]);

        AssertInactive(await IntrospectBodyAsync(harness, foreign));
        AssertInactive(await IntrospectBodyAsync(harness, zeroSignature));
        AssertInactive(await IntrospectBodyAsync(harness, "not-a-token"));
        AssertInactive(await IntrospectBodyAsync(harness, "a.b.c"));
    }

    [Fact]
    public async Task A_token_withheld_from_the_jwks_is_inactive()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint();

        harness.Authority.WithholdKey(harness.Authority.ActiveKey.KeyId);

        AssertInactive(await IntrospectBodyAsync(harness, token));
    }

    [Fact]
    public async Task A_token_revoked_through_the_api_by_jti_or_by_value_is_inactive()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var byJti = harness.Inner.Mint(d => d.TokenId = "jti-a");
        var byValue = harness.Inner.Mint(d => d.TokenId = "jti-b");
        var untouched = harness.Inner.Mint(d => d.TokenId = "jti-c");

        harness.Authority.RevokeToken("jti-a");
        harness.Authority.RevokeToken(byValue);

        AssertInactive(await IntrospectBodyAsync(harness, byJti));
        AssertInactive(await IntrospectBodyAsync(harness, byValue));
        Assert.True((await IntrospectBodyAsync(harness, untouched))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_token_revoked_at_the_revocation_endpoint_is_inactive()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint();

        using var revocation = await harness.RevokeAsync(token);

        Assert.Equal(HttpStatusCode.OK, revocation.StatusCode);
        AssertInactive(await IntrospectBodyAsync(harness, token));
        Assert.Equal(1, harness.Authority.RevocationRequestCount);
    }

    [Fact]
    public async Task An_upstream_token_introspects_active_until_revoked_at_the_endpoint()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.read");
        using var exchange = await harness.ExchangeAsync(harness.UserToken("alice"), scope: "calendar.read");
        var upstreamToken = (await OAuthHarness.JsonAsync(exchange))["access_token"]!.GetValue<string>();

        var active = await IntrospectBodyAsync(harness, upstreamToken);
        using var revocation = await harness.RevokeAsync(upstreamToken);
        var revoked = await IntrospectBodyAsync(harness, upstreamToken);

        Assert.True(active["active"]!.GetValue<bool>());
        Assert.Equal("alice", active["sub"]!.GetValue<string>());
        Assert.Equal(OAuthHarness.Calendar, active["aud"]!.GetValue<string>());
        Assert.Equal("calendar.read", active["scope"]!.GetValue<string>());
        Assert.Equal(OAuthHarness.ClientId, active["client_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, revocation.StatusCode);
        AssertInactive(revoked);
        Assert.False(harness.Authority.IsUpstreamToken(upstreamToken));
    }

    [Fact]
    public async Task Revoking_an_unknown_token_answers_200()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.RevokeAsync("never-issued");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revocation_without_a_token_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(
            harness.Authority.RevocationEndpoint,
            OAuthHarness.Pairs([("token_type_hint", "access_token")]),
            OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Introspection_without_a_token_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(
            harness.Authority.IntrospectionEndpoint,
            OAuthHarness.Pairs([("token_type_hint", "access_token")]),
            OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Introspection_and_revocation_require_client_authentication()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var token = harness.Inner.Mint();

        using var introspection = await harness.PostFormAsync(harness.Authority.IntrospectionEndpoint, OAuthHarness.Pairs([("token", token)]), authorization: null);
        using var revocation = await harness.PostFormAsync(harness.Authority.RevocationEndpoint, OAuthHarness.Pairs([("token", token)]), OAuthHarness.Basic(OAuthHarness.ClientId, "wrong"));

        await TokenEndpointTests.AssertErrorAsync(introspection, HttpStatusCode.Unauthorized, "invalid_client");
        await TokenEndpointTests.AssertErrorAsync(revocation, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.True((await IntrospectBodyAsync(harness, token))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_introspection_fault_knob_breaks_the_endpoint_and_requests_are_counted()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.IntrospectionFault = EndpointFault.ServerError;

        using var response = await harness.IntrospectAsync(harness.Inner.Mint());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, harness.Authority.IntrospectionRequestCount);
    }

    private static async Task<JsonObject> IntrospectBodyAsync(OAuthHarness harness, string token)
    {
        using var response = await harness.IntrospectAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OAuthHarness.JsonAsync(response);
    }

    private static void AssertInactive(JsonObject body)
    {
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Single(body);
    }
}
