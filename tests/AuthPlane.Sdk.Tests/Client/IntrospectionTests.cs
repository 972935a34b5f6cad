using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class IntrospectionTests
{
    [Fact]
    [ConformanceCase("rfc7662-introspection-request-must-post-token-and-access-token-hint")]
    public async Task Introspection_posts_the_token_and_the_access_token_hint()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":true}"""));

        await h.Client.IntrospectAsync("my.raw.token");

        var request = h.Authority.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/oauth/introspect", request.Path);
        Assert.Equal("my.raw.token", request.Form["token"].ToString());
        Assert.Equal("access_token", request.Form["token_type_hint"].ToString());
    }

    [Fact]
    [ConformanceCase("rfc7662-introspection-without-credentials-must-not-send-authorization-header")]
    public async Task Introspection_without_client_credentials_sends_no_authorization_header()
    {
        await using var h = await OAuthClientHarness.StartAsync(o =>
        {
            o.ClientId = null;
            o.ClientSecret = null;
        });
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":true}"""));

        await h.Client.IntrospectAsync("my.raw.token");

        Assert.Null(h.Authority.SingleRequest.Authorization);
    }

    [Fact]
    [ConformanceCase("rfc7662-introspection-basic-auth-must-be-supported")]
    public async Task Introspection_with_client_credentials_sends_http_basic()
    {
        await using var h = await OAuthClientHarness.StartAsync(o =>
        {
            o.ClientId = "my-client-id";
            o.ClientSecret = "my-client-secret";
        });
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":true}"""));

        await h.Client.IntrospectAsync("my.raw.token");

        Assert.Equal("Basic " + Convert.ToBase64String("my-client-id:my-client-secret"u8.ToArray()), h.Authority.SingleRequest.Authorization);
    }

    [Fact]
    [ConformanceCase("rfc7662-introspection-active-false-must-parse-as-inactive")]
    public async Task Active_false_parses_as_inactive()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":false}"""));

        var result = await h.Client.IntrospectAsync("tok");

        Assert.False(result.Active);
    }

    [Theory]
    [InlineData("""{"error":"invalid_token"}""")]
    [InlineData("""{"active":"true"}""")]
    [InlineData("""{"active":1}""")]
    [ConformanceCase("rfc7662-introspection-missing-active-must-default-to-inactive")]
    public async Task Missing_or_non_boolean_active_parses_as_inactive(string body)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, body));

        var result = await h.Client.IntrospectAsync("tok");

        Assert.False(result.Active);
    }

    [Fact]
    [ConformanceCase("rfc7662-introspection-standard-fields-must-round-trip")]
    public async Task Standard_fields_round_trip()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """
            {"active":true,"scope":"read:data write:data","client_id":"client456","username":"jdoe","sub":"user123",
             "token_type":"access_token","iss":"https://auth.example.com","aud":"https://api.example.com",
             "exp":1234567890,"iat":1234567800,"nbf":1234567800,"jti":"token-id-123","ext":"kept"}
            """));

        var result = await h.Client.IntrospectAsync("tok");

        Assert.True(result.Active);
        Assert.Equal("read:data write:data", result.Scope);
        Assert.Equal("client456", result.ClientId);
        Assert.Equal("jdoe", result.Username);
        Assert.Equal("user123", result.Subject);
        Assert.Equal("access_token", result.TokenType);
        Assert.Equal("https://auth.example.com", result.Issuer);
        Assert.Equal(["https://api.example.com"], result.Audiences);
        Assert.Equal(1234567890, result.ExpiresAt);
        Assert.Equal(1234567800, result.IssuedAt);
        Assert.Equal(1234567800, result.NotBefore);
        Assert.Equal("token-id-123", result.TokenId);
        Assert.Equal("kept", result.RawJson.GetProperty("ext").GetString());
    }

    [Theory]
    [InlineData("""{"active":true,"aud":"https://api.example.com"}""", new[] { "https://api.example.com" })]
    [InlineData("""{"active":true,"aud":["https://api.example.com","https://other.example.com"]}""", new[] { "https://api.example.com", "https://other.example.com" })]
    [ConformanceCase("rfc7662-introspection-audience-must-parse-string-or-array")]
    public async Task Audience_parses_from_a_string_or_an_array(string body, string[] expected)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, body));

        var result = await h.Client.IntrospectAsync("tok");

        Assert.Equal(expected, result.Audiences);
    }
}
