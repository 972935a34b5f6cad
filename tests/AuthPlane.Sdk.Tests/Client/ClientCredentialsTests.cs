using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class ClientCredentialsTests
{
    [Fact]
    [ConformanceCase("rfc6749-client-credentials-success-response")]
    public async Task Client_credentials_grant_returns_the_parsed_token_response()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, """{"access_token":"new_token","token_type":"Bearer","expires_in":3600,"scope":"read"}"""));

        var token = await h.Client.RequestClientCredentialsTokenAsync();

        Assert.Equal("client_credentials", h.Authority.SingleRequest.Form["grant_type"].ToString());
        Assert.Equal("new_token", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(TimeSpan.FromHours(1), token.ExpiresIn);
        Assert.Equal(TimeSpan.FromHours(1), token.Lifetime);
        Assert.Equal(h.Time.GetUtcNow().AddHours(1), token.ExpiresAt);
        Assert.Equal("read", token.Scope);
    }

    [Fact]
    [ConformanceCase("rfc8707-client-credentials-resource-parameter-should-be-supported")]
    public async Task Client_credentials_grant_sends_the_resource()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.RequestClientCredentialsTokenAsync(resources: ["https://api.example.com"]);

        Assert.Equal(["https://api.example.com"], h.Authority.SingleRequest.Values("resource"));
    }

    [Fact]
    [ConformanceCase("rfc8707-client-credentials-multiple-resource-parameters-must-be-emitted")]
    public async Task Client_credentials_grant_emits_one_resource_parameter_per_resource()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.RequestClientCredentialsTokenAsync(resources: ["https://api-one.example.com", "https://api-two.example.com"]);

        Assert.Equal(["https://api-one.example.com", "https://api-two.example.com"], h.Authority.SingleRequest.Values("resource"));
    }

    [Fact]
    [ConformanceCase("rfc6749-client-credentials-scopes-must-support-multiple-values")]
    public async Task Client_credentials_grant_sends_several_scopes_space_delimited()
    {
        await using var h = await OAuthClientHarness.StartAsync();

        await h.Client.RequestClientCredentialsTokenAsync(scopes: ["read", "write"]);

        var raw = h.Authority.SingleRequest.RawBody;
        Assert.True(raw.Contains("scope=read+write", StringComparison.Ordinal) || raw.Contains("scope=read%20write", StringComparison.Ordinal), raw);
    }
}
