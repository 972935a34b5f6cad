using System.Text;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class ClientAuthenticationTests
{
    [Theory]
    [InlineData("http://localhost:8080/mcp", "s3cret", "http%3A%2F%2Flocalhost%3A8080%2Fmcp:s3cret")]
    [InlineData("tenant:app/one", "a+b c%d", "tenant%3Aapp%2Fone:a%2Bb+c%25d")]
    [InlineData("plain-id", "plain-secret", "plain-id:plain-secret")]
    [ConformanceCase("rfc6749-basic-auth-credentials-must-be-form-urlencoded-before-base64")]
    public async Task Basic_credentials_are_form_urlencoded_before_base64(string clientId, string clientSecret, string expectedCredentials)
    {
        await using var h = await OAuthClientHarness.StartAsync(o =>
        {
            o.ClientId = clientId;
            o.ClientSecret = clientSecret;
        });

        await h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." });

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedCredentials)), h.Authority.SingleRequest.Authorization);
    }
}
