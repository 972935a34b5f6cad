using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class ErrorMappingTests
{
    private static readonly TokenExchangeRequest Exchange = new() { SubjectToken = "eyJ.caller", Resources = ["https://calendar.example.com"] };

    [Theory]
    [InlineData("consent_missing")]
    [InlineData("scope_insufficient")]
    public async Task Problem_json_consent_body_becomes_ConsentRequiredException_with_url_cause_and_description(string cause)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(new FakeAnswer(400, $$"""
            {"error":"consent_required","error_description":"Authorize access to google-calendar",
             "type":"https://authplane.dev/problems/consent-required","title":"Bad Request","detail":"Consent needed","status":400,
             "consent_url":"https://auth.example.com/connect/google?resource=cal&return_url=x","cause":"{{cause}}"}
            """, "application/problem+json"));

        var error = await Assert.ThrowsAsync<AuthPlaneConsentRequiredException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.Equal(new Uri("https://auth.example.com/connect/google?resource=cal&return_url=x"), error.ConsentUrl);
        Assert.Equal(cause, error.Cause);
        Assert.Equal("Authorize access to google-calendar", error.Description);
        Assert.Equal("consent_required", error.Error);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(OAuthErrorKind.ConsentRequired, error.Kind);
    }

    [Fact]
    public async Task Interaction_required_with_a_consent_url_is_handled_as_consent()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(403, """{"error":"interaction_required","error_description":"Sign in again","consent_url":"https://auth.example.com/connect/x"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneConsentRequiredException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.Equal("interaction_required", error.Error);
        Assert.Equal("Sign in again", error.Description);
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task Consent_body_without_consent_url_keeps_the_original_oauth_error()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(new FakeAnswer(400, """{"error":"consent_required","error_description":"Authorize access","cause":"consent_missing"}""", "application/problem+json"));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.IsNotType<AuthPlaneConsentRequiredException>(error);
        Assert.Equal("consent_required", error.Error);
        Assert.Equal("Authorize access", error.ErrorDescription);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Consent_required_with_status_503_is_a_server_error()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(503, """{"error":"consent_required","error_description":"x","consent_url":"https://auth.example.com/connect/x"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneServerException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(OAuthErrorKind.ServerError, error.Kind);
    }

    [Fact]
    [ConformanceCase("rfc6749-invalid-client-must-map-to-authentication-failure")]
    public async Task Invalid_client_maps_to_a_client_authentication_failure()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(401, """{"error":"invalid_client","error_description":"bad creds"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneClientAuthenticationException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Equal(OAuthErrorKind.InvalidClient, error.Kind);
        Assert.Equal("bad creds", error.ErrorDescription);
        Assert.Equal(401, error.StatusCode);
    }

    [Theory]
    [InlineData("access_denied", OAuthErrorKind.AccessDenied)]
    [InlineData("invalid_target", OAuthErrorKind.InvalidTarget)]
    [InlineData("invalid_scope", OAuthErrorKind.InvalidScope)]
    [InlineData("invalid_request", OAuthErrorKind.InvalidRequest)]
    [InlineData("invalid_grant", OAuthErrorKind.InvalidGrant)]
    [InlineData("unsupported_grant_type", OAuthErrorKind.Other)]
    public async Task Policy_errors_are_distinct_and_never_consent(string code, OAuthErrorKind kind)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(400, $$"""{"error":"{{code}}","consent_url":"https://auth.example.com/connect/x"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.Equal(typeof(AuthPlaneOAuthException), error.GetType());
        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.Error);
    }

    [Fact]
    public async Task A_4xx_without_an_oauth_error_is_a_protocol_error()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(new FakeAnswer(404, "not found", "text/plain"));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.ExchangeTokenAsync(Exchange));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task A_response_larger_than_the_limit_is_a_protocol_error()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.MaxResponseBytes = 1024);
        h.Authority.Enqueue(FakeAnswer.Json(200, $$"""{"access_token":"{{new string('a', 2048)}}","token_type":"Bearer"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }
}
