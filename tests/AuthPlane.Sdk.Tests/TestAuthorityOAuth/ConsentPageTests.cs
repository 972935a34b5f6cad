using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>The dev consent page behind consent_url: GET shows it, POST grants consent and returns the browser safely.</summary>
public sealed class ConsentPageTests
{
    [Fact]
    public async Task Submitting_the_consent_form_grants_consent_and_the_exchange_then_succeeds()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var subjectToken = harness.UserToken("alice");
        var consentUrl = await ConsentUrlAsync(harness, subjectToken);

        using var page = await harness.Http.GetAsync(consentUrl);
        var html = await page.Content.ReadAsStringAsync();
        using var submitted = await SubmitAsync(harness, consentUrl, FormState(html));
        using var exchange = await harness.ExchangeAsync(subjectToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Authorize access to google-calendar", html, StringComparison.Ordinal);
        Assert.Contains("alice", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Consent granted", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var upstreamToken = (await OAuthHarness.JsonAsync(exchange))["access_token"]!.GetValue<string>();
        Assert.True(harness.Authority.IsUpstreamToken(upstreamToken));
        Assert.Equal("alice", harness.Authority.LookupUpstreamGrant(upstreamToken)!.Subject);
    }

    [Fact]
    public async Task The_form_grants_the_missing_scopes_of_a_scope_insufficient_answer()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.GrantConsent("alice", OAuthHarness.Calendar, "calendar.read");
        var subjectToken = harness.UserToken("alice");
        using var insufficient = await harness.ExchangeAsync(subjectToken, scope: "calendar.read calendar.write");
        var consentUrl = new Uri((await OAuthHarness.JsonAsync(insufficient))["consent_url"]!.GetValue<string>());

        using var submitted = await SubmitAsync(harness, consentUrl, QueryHelpers.ParseQuery(consentUrl.Query)["state"].ToString());
        using var exchange = await harness.ExchangeAsync(subjectToken, scope: "calendar.read calendar.write");

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
    }

    [Theory]
    [InlineData("/done?ok=1", true)]
    [InlineData("http://127.0.0.1:6274/oauth/callback", true)]
    [InlineData("http://localhost:3000/cb", true)]
    [InlineData("https://[::1]:8443/cb", true)]
    [InlineData("https://client.example/cb", false)]
    [InlineData("//evil.example/cb", false)]
    [InlineData("/\\evil.example/cb", false)]
    [InlineData("http://user@127.0.0.1/cb", false)]
    [InlineData("javascript:alert(1)", false)]
    public async Task After_consent_the_browser_returns_only_to_a_relative_or_loopback_url(string returnUrl, bool redirected)
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.ConsentReturnUrl = returnUrl;
        var consentUrl = await ConsentUrlAsync(harness, harness.UserToken("alice"));

        using var submitted = await SubmitAsync(harness, consentUrl, QueryHelpers.ParseQuery(consentUrl.Query)["state"].ToString(), returnUrl);

        if (redirected)
        {
            Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
            Assert.Equal(returnUrl, submitted.Headers.Location!.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            Assert.Null(submitted.Headers.Location);
            Assert.Contains("Return to your client", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_html_encodes_every_value()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterUpstream("https://evil.example/api", "<script>x</script>", "<b>scope</b>");
        harness.Authority.ConsentReturnUrl = "/\"><script>y</script>";
        using var response = await harness.ExchangeAsync(harness.UserToken("<img src=x>"), resource: "https://evil.example/api");
        var consentUrl = new Uri((await OAuthHarness.JsonAsync(response))["consent_url"]!.GetValue<string>());

        var html = await harness.Http.GetStringAsync(consentUrl);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>scope", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_state_grants_nothing()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var aliceUrl = await ConsentUrlAsync(harness, harness.UserToken("alice"));
        var state = QueryHelpers.ParseQuery(aliceUrl.Query)["state"].ToString();
        var tampered = (state[0] == 'A' ? 'B' : 'A') + state[1..];

        using var page = await harness.Http.GetAsync(new Uri(aliceUrl.GetLeftPart(UriPartial.Path) + "?resource=" + Uri.EscapeDataString(OAuthHarness.Calendar) + "&state=" + Uri.EscapeDataString(tampered)));
        using var submitted = await SubmitAsync(harness, aliceUrl, tampered);
        using var exchange = await harness.ExchangeAsync(harness.UserToken("alice"));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Equal("consent_missing", (await OAuthHarness.JsonAsync(exchange))["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_state_used_under_another_upstreams_name_grants_nothing()
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.RegisterUpstream("https://api.github.com", "github", "repo");
        var calendarUrl = await ConsentUrlAsync(harness, harness.UserToken("alice"));
        var githubUrl = new Uri(calendarUrl.ToString().Replace("/connect/google-calendar", "/connect/github", StringComparison.Ordinal));

        using var submitted = await SubmitAsync(harness, githubUrl, QueryHelpers.ParseQuery(calendarUrl.Query)["state"].ToString());

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
    }

    [Fact]
    public async Task A_consent_link_expires_after_thirty_minutes()
    {
        await using var harness = await OAuthHarness.StartAsync();
        var consentUrl = await ConsentUrlAsync(harness, harness.UserToken("alice"));
        var state = QueryHelpers.ParseQuery(consentUrl.Query)["state"].ToString();

        harness.Inner.FakeTime.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        using var lastSecond = await harness.Http.GetAsync(consentUrl);
        harness.Inner.FakeTime.Advance(TimeSpan.FromSeconds(1));
        using var expired = await SubmitAsync(harness, consentUrl, state);

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
    }

    private static async Task<Uri> ConsentUrlAsync(OAuthHarness harness, string subjectToken)
    {
        using var response = await harness.ExchangeAsync(subjectToken);
        return new Uri((await OAuthHarness.JsonAsync(response))["consent_url"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SubmitAsync(OAuthHarness harness, Uri consentUrl, string state, string? returnUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>> { KeyValuePair.Create("state", state) };
        if (returnUrl is not null)
        {
            fields.Add(KeyValuePair.Create("return_url", returnUrl));
        }

        return await harness.PostFormAsync(consentUrl, fields, authorization: null);
    }

    // The hidden state field the page's form carries, read back from the HTML (HTML-decoded).
    private static string FormState(string html)
    {
        const string marker = "name=\"state\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
    }
}
