using AuthPlane.Sdk.Client;
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
        Assert.Equal(new DateTimeOffset(2009, 2, 13, 23, 31, 30, TimeSpan.Zero), result.ExpiresAt);
        Assert.Equal(new DateTimeOffset(2009, 2, 13, 23, 30, 0, TimeSpan.Zero), result.IssuedAt);
        Assert.Equal(new DateTimeOffset(2009, 2, 13, 23, 30, 0, TimeSpan.Zero), result.NotBefore);
        Assert.Equal("token-id-123", result.TokenId);
        Assert.Equal("kept", result.RawJson.GetProperty("ext").GetString());
    }

    [Theory]
    [InlineData("exp", "253402300799", "9999-12-31T23:59:59Z")]
    [InlineData("iat", "0", "1970-01-01T00:00:00Z")]
    [InlineData("nbf", "1234567890.9", "2009-02-13T23:31:30Z")]
    public async Task Instants_are_read_from_the_epoch_to_the_last_second_of_the_year_9999_a_fraction_truncated(string member, string value, string expected)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, $$"""{"active":true,"{{member}}":{{value}}}"""));

        var result = await h.Client.IntrospectAsync("tok");

        var instant = member switch { "exp" => result.ExpiresAt, "iat" => result.IssuedAt, _ => result.NotBefore };
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("exp", "253402300800")]
    [InlineData("exp", "9223372036854775808")]
    [InlineData("exp", "1e400")]
    [InlineData("exp", "-1")]
    [InlineData("exp", "\"1234567890\"")]
    [InlineData("iat", "253402300800")]
    [InlineData("nbf", "true")]
    public async Task An_instant_that_is_not_a_representable_NumericDate_is_a_protocol_error(string member, string value)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, $$"""{"active":true,"{{member}}":{{value}}}"""));

        var exception = await Assert.ThrowsAsync<AuthPlaneProtocolException>(() => h.Client.IntrospectAsync("tok"));

        Assert.Equal("protocol_error", exception.Error);
        Assert.Contains(member, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absent_or_null_instants_are_null()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"active":true,"exp":null}"""));

        var result = await h.Client.IntrospectAsync("tok");

        Assert.Null(result.ExpiresAt);
        Assert.Null(result.IssuedAt);
        Assert.Null(result.NotBefore);
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
