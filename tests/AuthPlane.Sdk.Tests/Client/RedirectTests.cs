using AuthPlane.Sdk.Client;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>Attack side: an authority endpoint that redirects must not get the request replayed elsewhere.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_from_the_token_endpoint_is_not_followed_so_the_subject_token_goes_nowhere_else(int status)
    {
        await using var h = await OAuthClientHarness.StartAsync();
        var elsewhere = new Uri(h.Authority.BaseAddress, "/oauth/elsewhere");
        h.Authority.Enqueue(new FakeAnswer(status, "", "text/plain", new Dictionary<string, string> { ["Location"] = elsewhere.AbsoluteUri }));

        await Assert.ThrowsAnyAsync<AuthPlaneOAuthException>(() =>
            h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ.caller", Resources = ["https://calendar.example.com"] }));

        var only = Assert.Single(h.Authority.Requests);
        Assert.Equal("/oauth/token", only.Path);
    }
}
