using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class TokenExchangeRequestTests
{
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    [Fact]
    [ConformanceCase("rfc8693-grant-type-must-be-token-exchange")]
    public async Task Exchange_posts_the_token_exchange_grant_type_with_the_subject_token()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ.subject.token" });

        var request = h.Authority.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/oauth/token", request.Path);
        Assert.Equal("urn:ietf:params:oauth:grant-type:token-exchange", request.Form["grant_type"].ToString());
        Assert.Equal("eyJ.subject.token", request.Form["subject_token"].ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [ConformanceCase("rfc8693-subject-token-is-required")]
    public async Task Exchange_without_a_subject_token_is_a_validation_error_before_any_request(string? subjectToken)
    {
        await using var h = await OAuthClientHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = subjectToken! }));

        Assert.Contains("subject_token is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Authority.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [ConformanceCase("rfc8693-default-subject-token-type-is-access-token")]
    public async Task Exchange_always_sends_subject_token_type_defaulting_to_access_token(string? subjectTokenType)
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", SubjectTokenType = subjectTokenType });

        Assert.Equal(AccessTokenType, h.Authority.SingleRequest.Form["subject_token_type"].ToString());
    }

    [Fact]
    public async Task Exchange_sends_a_given_subject_token_type_unchanged()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", SubjectTokenType = TokenTypeUris.Jwt });

        Assert.Equal(TokenTypeUris.Jwt, h.Authority.SingleRequest.Form["subject_token_type"].ToString());
    }

    [Fact]
    [ConformanceCase("rfc8693-actor-token-type-defaults-when-actor-token-is-present")]
    public async Task Exchange_with_an_actor_token_sends_actor_token_type_defaulting_to_access_token()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ.subject", ActorToken = "eyJ.actor", ActorTokenType = "" });

        var form = h.Authority.SingleRequest.Form;
        Assert.Equal("eyJ.actor", form["actor_token"].ToString());
        Assert.Equal(AccessTokenType, form["actor_token_type"].ToString());
    }

    [Fact]
    public async Task Exchange_without_an_actor_token_sends_no_actor_parameters()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ.subject", ActorTokenType = TokenTypeUris.Jwt });

        var form = h.Authority.SingleRequest.Form;
        Assert.False(form.ContainsKey("actor_token"));
        Assert.False(form.ContainsKey("actor_token_type"));
    }

    [Fact]
    [ConformanceCase("rfc8693-resource-parameter-must-be-sent-when-configured")]
    public async Task Exchange_sends_the_configured_resource()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Resources = ["https://mcp.example.com/"] });

        Assert.Equal(["https://mcp.example.com/"], h.Authority.SingleRequest.Values("resource"));
    }

    [Fact]
    [ConformanceCase("rfc8693-multiple-resource-parameters-must-be-emitted")]
    public async Task Exchange_emits_one_resource_parameter_per_resource()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Resources = ["https://api-one.example.com", "https://api-two.example.com"] });

        Assert.Equal(["https://api-one.example.com", "https://api-two.example.com"], h.Authority.SingleRequest.Values("resource"));
    }

    [Fact]
    [ConformanceCase("rfc8693-audience-parameter-must-be-sent-when-configured")]
    public async Task Exchange_sends_the_configured_audience_form_encoded()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Audiences = ["api://inventory"] });

        var request = h.Authority.SingleRequest;
        Assert.Contains("audience=api%3A%2F%2Finventory", request.RawBody, StringComparison.Ordinal);
        Assert.Equal(["api://inventory"], request.Values("audience"));
    }

    [Fact]
    [ConformanceCase("rfc8693-multiple-audience-parameters-must-be-emitted")]
    public async Task Exchange_emits_one_audience_parameter_per_audience()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Audiences = ["api://inventory", "api://billing"] });

        var request = h.Authority.SingleRequest;
        Assert.Contains("audience=api%3A%2F%2Finventory", request.RawBody, StringComparison.Ordinal);
        Assert.Contains("audience=api%3A%2F%2Fbilling", request.RawBody, StringComparison.Ordinal);
        Assert.Equal(2, request.Form["audience"].Count);
    }

    [Fact]
    [ConformanceCase("rfc8693-empty-resource-and-audience-values-must-be-omitted")]
    public async Task Exchange_omits_empty_resource_and_audience_values()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Resources = [""], Audiences = [""] });

        var request = h.Authority.SingleRequest;
        Assert.DoesNotContain("resource=", request.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("audience=", request.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_sends_scopes_space_joined_and_the_requested_token_type()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ...", Scopes = ["calendar.read", "calendar.write"], RequestedTokenType = TokenTypeUris.AccessToken });

        var form = h.Authority.SingleRequest.Form;
        Assert.Equal("calendar.read calendar.write", form["scope"].ToString());
        Assert.Equal(AccessTokenType, form["requested_token_type"].ToString());
    }

    [Fact]
    [ConformanceCase("rfc8693-success-response-must-use-access-token-issued-token-type-when-present")]
    public async Task Exchange_returns_the_issued_token_and_its_issued_token_type()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"new_token","token_type":"Bearer","issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"""));

        var token = await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." });

        Assert.Equal("new_token", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(AccessTokenType, token.IssuedTokenType);
    }

    [Fact]
    [ConformanceCase("rfc8693-token-exchange-response-must-contain-issued-token-type")]
    public async Task Exchange_response_without_issued_token_type_is_a_protocol_error()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"exchanged_token","token_type":"Bearer"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." }));

        Assert.Contains("issued_token_type", error.Message, StringComparison.Ordinal);
        Assert.Equal(OAuthErrorKind.ProtocolError, error.Kind);
    }

    [Fact]
    [ConformanceCase("rfc8693-error-mapping-invalid-grant")]
    public async Task Exchange_rejected_with_invalid_grant_maps_to_invalid_grant()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(400, """{"error":"invalid_grant"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." }));

        Assert.Equal(OAuthErrorKind.InvalidGrant, error.Kind);
        Assert.Equal("invalid_grant", error.Error);
        Assert.Equal(400, error.StatusCode);
    }
}
