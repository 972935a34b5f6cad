using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>Confidential-client authentication at the token endpoint: client_secret_basic (form-urlencoded) and client_secret_post.</summary>
public sealed class ClientAuthenticationTests
{
    private static readonly (string, string)[] ClientCredentials = [("grant_type", "client_credentials")];

    [Theory]
    [InlineData("svc:calendar/tools", "p@ss:word/with+plus and space")]
    [InlineData("plain-client", "plain-secret")]
    [InlineData("ünïcode", "sécret%")]
    public async Task Basic_credentials_are_form_urlencoded_before_base64(string clientId, string secret)
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterClient(clientId, secret);

        using var response = await harness.PostFormAsync(
            harness.Authority.TokenEndpoint,
            OAuthHarness.Pairs([.. ClientCredentials, ("resource", AuthorityHarness.Resource)]),
            OAuthHarness.Basic(clientId, secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await OAuthHarness.JsonAsync(response))["access_token"]!.GetValue<string>();
        var verified = (await harness.Inner.VerifyAsync(token)).Token!;
        Assert.Equal(clientId, verified.Subject);
        Assert.Equal(clientId, verified.ClientId);
    }

    [Fact]
    public async Task A_client_id_with_a_colon_sent_without_form_encoding_is_split_at_its_colon_and_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterClient("svc:calendar", "secret");
        var raw = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("svc:calendar:secret")));

        using var response = await harness.PostFormAsync(harness.Authority.TokenEndpoint, OAuthHarness.Pairs(ClientCredentials), raw);

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Client_secret_post_is_accepted()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(
            harness.Authority.TokenEndpoint,
            OAuthHarness.Pairs([.. ClientCredentials, ("client_id", OAuthHarness.ClientId), ("client_secret", OAuthHarness.ClientSecret)]),
            authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_gets_invalid_client_with_a_basic_challenge()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(harness.Authority.TokenEndpoint, OAuthHarness.Pairs(ClientCredentials), OAuthHarness.Basic(OAuthHarness.ClientId, "wrong"));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task An_unknown_client_gets_invalid_client()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(harness.Authority.TokenEndpoint, OAuthHarness.Pairs(ClientCredentials), OAuthHarness.Basic("nobody", OAuthHarness.ClientSecret));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Missing_credentials_get_invalid_client()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(harness.Authority.TokenEndpoint, OAuthHarness.Pairs(ClientCredentials), authorization: null);

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Basic_and_a_body_secret_together_are_two_methods_and_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(
            harness.Authority.TokenEndpoint,
            OAuthHarness.Pairs([.. ClientCredentials, ("client_secret", OAuthHarness.ClientSecret)]),
            OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Basic_with_a_body_client_id_naming_another_client_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterClient("other", "other-secret");

        using var response = await harness.PostFormAsync(
            harness.Authority.TokenEndpoint,
            OAuthHarness.Pairs([.. ClientCredentials, ("client_id", "other")]),
            OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Basic_that_is_not_base64_gets_invalid_client()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostFormAsync(harness.Authority.TokenEndpoint, OAuthHarness.Pairs(ClientCredentials), new AuthenticationHeaderValue("Basic", "%%%not-base64"));

        await AssertInvalidClientAsync(response);
    }

    private static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("invalid_client", (await OAuthHarness.JsonAsync(response))["error"]!.GetValue<string>());
    }
}
