using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class TokenResponseParsingTests
{
    [Theory]
    [InlineData("""{"token_type":"Bearer"}""")]
    [InlineData("""{"access_token":"","token_type":"Bearer"}""")]
    [InlineData("""{"access_token":42,"token_type":"Bearer"}""")]
    [ConformanceCase("rfc6749-token-response-must-contain-access-token")]
    public async Task Token_response_without_a_non_empty_string_access_token_is_a_protocol_error(string body)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, body));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Contains("access_token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"access_token":"tok","token_type":"N_A"}""")]
    [InlineData("""{"access_token":"tok","token_type":"mac"}""")]
    [InlineData("""{"access_token":"tok"}""")]
    [ConformanceCase("rfc6749-token-response-token-type-must-be-supported")]
    public async Task Token_response_with_an_unsupported_token_type_is_a_protocol_error(string body)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, body));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Contains("unsupported token_type", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DPoP")]
    [InlineData("dpop")]
    [ConformanceCase("rfc9449-token-response-token-type-dpop-must-be-accepted")]
    public async Task Token_response_with_token_type_DPoP_is_accepted_case_insensitively(string tokenType)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, $$"""{"access_token":"tok","token_type":"{{tokenType}}"}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal("DPoP", token.TokenType);
        Assert.True(token.IsDPoP);
    }

    [Fact]
    public async Task Token_type_bearer_in_lower_case_is_accepted_and_normalised()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"tok","token_type":"bearer"}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal("Bearer", token.TokenType);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"60\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [ConformanceCase("rfc6749-token-response-expires-in-must-be-non-negative-integer")]
    public async Task Expires_in_that_is_negative_or_not_an_integer_is_a_protocol_error(string expiresIn)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, $$"""{"access_token":"tok","token_type":"Bearer","expires_in":{{expiresIn}}}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Contains("non-negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absent_expires_in_uses_the_configured_default_lifetime()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.DefaultTokenLifetime = TimeSpan.FromSeconds(120));
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"tok","token_type":"Bearer"}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Null(token.ExpiresIn);
        Assert.Equal(TimeSpan.FromSeconds(120), token.Lifetime);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(120), token.ExpiresAt);
    }

    [Fact]
    public async Task Expires_in_zero_is_accepted_with_a_zero_lifetime()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"tok","token_type":"Bearer","expires_in":0}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal(TimeSpan.Zero, token.ExpiresIn);
        Assert.Equal(TimeSpan.Zero, token.Lifetime);
    }

    [Fact]
    public async Task Scope_refresh_token_issued_token_type_and_cnf_are_kept()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"tok","token_type":"DPoP","scope":"a b","refresh_token":"rt","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","cnf":{"jkt":"abc"}}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal("a b", token.Scope);
        Assert.Equal("rt", token.RefreshToken);
        Assert.Equal(TokenTypeUris.AccessToken, token.IssuedTokenType);
        Assert.Equal("abc", token.Confirmation!.Value.GetProperty("jkt").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    public async Task A_success_body_that_is_not_a_json_object_is_a_protocol_error(string body)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, body));

        await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-grant-token-type-must-be-dpop")]
    public async Task With_DPoP_on_a_Bearer_token_response_is_a_protocol_error()
    {
        await using var h = await OAuthClientHarness.StartAsync(configureClient: o => o.UseDPoP = true);
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"tok","token_type":"Bearer"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.NotNull(h.Authority.SingleRequest.DPoP);
        Assert.Contains("token_type", error.Message, StringComparison.Ordinal);
    }
}
