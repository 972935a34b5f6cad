using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>RFC 8693 token exchange for broker resources, with AuthPlane's consent_required problem body (DESIGN §4.5).</summary>
public sealed class TokenExchangeTests
{
    [Fact]
    public async Task Without_consent_the_answer_is_the_exact_consent_required_problem()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.ExchangeAsync(harness.UserToken("alice"), scope: "calendar.read");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await OAuthHarness.JsonAsync(response);
        Assert.Equal(
            ["error", "error_description", "type", "title", "detail", "status", "consent_url", "cause"],
            problem.Select(member => member.Key));
        Assert.Equal("consent_required", problem["error"]!.GetValue<string>());
        Assert.Equal("Authorize access to google-calendar", problem["error_description"]!.GetValue<string>());
        Assert.Equal("about:blank", problem["type"]!.GetValue<string>());
        Assert.Equal("Bad Request", problem["title"]!.GetValue<string>());
        Assert.Equal("The user has not authorized google-calendar.", problem["detail"]!.GetValue<string>());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("consent_missing", problem["cause"]!.GetValue<string>());
        var consentUrl = new Uri(problem["consent_url"]!.GetValue<string>());
        var issuer = new Uri(harness.Authority.Issuer);
        Assert.Equal(issuer.Authority, consentUrl.Authority);
        Assert.Equal(issuer.Scheme, consentUrl.Scheme);
        Assert.Equal("/connect/google-calendar", consentUrl.AbsolutePath);
        var query = QueryHelpers.ParseQuery(consentUrl.Query);
        Assert.Equal(OAuthHarness.Calendar, query["resource"].ToString());
        Assert.False(query.ContainsKey("return_url"));
        Assert.NotEmpty(query["state"].ToString());
    }

    [Fact]
    public async Task The_consent_url_carries_the_configured_return_url()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.ConsentReturnUrl = "http://127.0.0.1:6274/oauth/callback?x=1&y=2";

        using var response = await harness.ExchangeAsync(harness.UserToken());

        var consentUrl = new Uri((await OAuthHarness.JsonAsync(response))["consent_url"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:6274/oauth/callback?x=1&y=2", QueryHelpers.ParseQuery(consentUrl.Query)["return_url"].ToString());
    }

    [Fact]
    public async Task With_consent_granted_through_the_api_the_exchange_vends_a_recognised_upstream_token()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.read");
        var subjectToken = harness.UserToken("alice");

        using var response = await harness.ExchangeAsync(subjectToken, scope: "calendar.read");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await OAuthHarness.JsonAsync(response);
        Assert.Equal(["access_token", "issued_token_type", "token_type", "expires_in", "scope"], body.Select(member => member.Key));
        Assert.Equal(OAuthHarness.AccessTokenType, body["issued_token_type"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.Equal("calendar.read", body["scope"]!.GetValue<string>());
        var upstreamToken = body["access_token"]!.GetValue<string>();
        Assert.NotEqual(subjectToken, upstreamToken);
        Assert.True(harness.Authority.IsUpstreamToken(upstreamToken));
        Assert.False(harness.Authority.IsUpstreamToken(subjectToken));
        var grant = harness.Authority.LookupUpstreamGrant(upstreamToken)!;
        Assert.Equal("alice", grant.Subject);
        Assert.Equal(OAuthHarness.Calendar, grant.Resource);
        Assert.Equal(["calendar.read"], grant.Scopes);
        Assert.Equal(OAuthHarness.ClientId, grant.ClientId);
    }

    [Fact]
    public async Task Without_a_scope_the_exchange_asks_for_every_scope_the_upstream_offers()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);

        using var response = await harness.ExchangeAsync(harness.UserToken("alice"));

        Assert.Equal("calendar.read calendar.write", (await OAuthHarness.JsonAsync(response))["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeated_audience_parameters_are_accepted()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);

        using var response = await harness.PostTokenAsync(
            ("grant_type", OAuthHarness.TokenExchangeGrant),
            ("subject_token", harness.UserToken("alice")),
            ("subject_token_type", OAuthHarness.AccessTokenType),
            ("resource", OAuthHarness.Calendar),
            ("audience", "calendar-api"),
            ("audience", "calendar-batch"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Consent_of_one_user_does_not_serve_another()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);

        using var response = await harness.ExchangeAsync(harness.UserToken("bob"));

        Assert.Equal("consent_missing", (await OAuthHarness.JsonAsync(response))["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawn_consent_brings_consent_required_back()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);
        using var before = await harness.ExchangeAsync(harness.UserToken("alice"));

        harness.Authority.WithdrawConsent("alice", OAuthHarness.Calendar);
        using var after = await harness.ExchangeAsync(harness.UserToken("alice"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        var problem = await OAuthHarness.JsonAsync(after);
        Assert.Equal("consent_required", problem["error"]!.GetValue<string>());
        Assert.Equal("consent_missing", problem["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_lacking_a_requested_scope_is_scope_insufficient()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.read");

        using var response = await harness.ExchangeAsync(harness.UserToken("alice"), scope: "calendar.read calendar.write");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await OAuthHarness.JsonAsync(response);
        Assert.Equal("consent_required", problem["error"]!.GetValue<string>());
        Assert.Equal("scope_insufficient", problem["cause"]!.GetValue<string>());
        Assert.Equal("Authorize access to google-calendar", problem["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Granting_more_scopes_adds_to_the_existing_consent()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.read");
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.write");

        using var response = await harness.ExchangeAsync(harness.UserToken("alice"), scope: "calendar.read calendar.write");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_resource_is_invalid_target_not_consent()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.ExchangeAsync(harness.UserToken(), resource: "https://api.github.com");

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_target");
    }

    [Fact]
    public async Task Two_resources_in_one_exchange_are_invalid_target()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterUpstream("https://api.github.com", "github", "repo");

        using var response = await harness.PostTokenAsync(
            ("grant_type", OAuthHarness.TokenExchangeGrant),
            ("subject_token", harness.UserToken()),
            ("subject_token_type", OAuthHarness.AccessTokenType),
            ("resource", OAuthHarness.Calendar),
            ("resource", "https://api.github.com"));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_target");
    }

    [Fact]
    public async Task A_scope_the_upstream_does_not_offer_is_invalid_scope()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);

        using var response = await harness.ExchangeAsync(harness.UserToken("alice"), scope: "calendar.read admin");

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Theory]
    [InlineData("subject_token")]
    [InlineData("subject_token_type")]
    [InlineData("resource")]
    public async Task A_missing_exchange_parameter_is_invalid_request(string missing)
    {
        await using var harness = await OAuthHarness.StartAsync();
        (string Name, string Value)[] fields =
        [
            ("grant_type", OAuthHarness.TokenExchangeGrant),
            ("subject_token", harness.UserToken()),
            ("subject_token_type", OAuthHarness.AccessTokenType),
            ("resource", OAuthHarness.Calendar),
        ];

        using var response = await harness.PostTokenAsync([.. fields.Where(field => field.Name != missing)]);

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_subject_token_type_other_than_access_token_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(
            ("grant_type", OAuthHarness.TokenExchangeGrant),
            ("subject_token", harness.UserToken()),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:id_token"),
            ("resource", OAuthHarness.Calendar));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_subject_token_signed_by_a_key_the_authority_does_not_publish_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);
        var foreignKey = harness.Authority.CreateUnpublishedKey();

        using var response = await harness.ExchangeAsync(harness.Inner.Mint(d => { d.Subject = "alice"; d.SigningKey = foreignKey; }));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_subject_token_with_a_tampered_payload_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("mallory", OAuthHarness.Calendar);
        var genuine = harness.UserToken("alice").Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(genuine[1]));
        var forgedPayload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal)));

        using var response = await harness.ExchangeAsync(genuine[0] + "." + forgedPayload + "." + genuine[2]);

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_subject_token_is_accepted_until_its_exp_and_refused_from_exp_on()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);
        var subjectToken = harness.UserToken("alice");

        harness.Inner.FakeTime.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        using var lastSecond = await harness.ExchangeAsync(subjectToken);
        harness.Inner.FakeTime.Advance(TimeSpan.FromSeconds(1));
        using var atExpiry = await harness.ExchangeAsync(subjectToken);

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        await TokenEndpointTests.AssertErrorAsync(atExpiry, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_revoked_subject_token_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);
        var subjectToken = harness.Inner.Mint(d => { d.Subject = "alice"; d.TokenId = "jti-to-revoke"; });

        harness.Authority.RevokeToken("jti-to-revoke");
        using var response = await harness.ExchangeAsync(subjectToken);

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_subject_token_that_is_not_an_at_jwt_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);

        using var response = await harness.ExchangeAsync(harness.Inner.Mint(d => { d.Subject = "alice"; d.Header["typ"] = JsonValue.Create("JWT"); }));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoking_an_upstream_token_makes_it_unrecognised()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar);
        using var response = await harness.ExchangeAsync(harness.UserToken("alice"));
        var upstreamToken = (await OAuthHarness.JsonAsync(response))["access_token"]!.GetValue<string>();

        harness.Authority.RevokeToken(upstreamToken);

        Assert.False(harness.Authority.IsUpstreamToken(upstreamToken));
        Assert.Null(harness.Authority.LookupUpstreamGrant(upstreamToken));
    }
}
