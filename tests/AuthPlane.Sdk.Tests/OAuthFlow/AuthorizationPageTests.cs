using System.Net;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>The authorization endpoint and its consent page, from the user's and from an attacker's side.</summary>
public sealed class AuthorizationPageTests
{
    [Fact]
    public async Task An_unknown_client_gets_an_error_page_and_no_redirect()
    {
        await using var flow = await FlowHarness.StartAsync();

        using var response = await flow.Http.GetAsync(flow.AuthorizationUrl("no-such-client", FlowHarness.Pkce().Challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Unknown client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://attacker.example/callback")]
    [InlineData("http://127.0.0.1:4711/callback/other")]
    [InlineData("http://localhost:4711/callback")]
    public async Task A_redirect_uri_that_is_not_registered_gets_an_error_page_and_no_redirect(string redirectUri)
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();

        using var response = await flow.Http.GetAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge, redirectUri: redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Invalid redirect_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_redirect_uri_matches_on_any_port()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();

        var location = await flow.User.ConsentAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge, redirectUri: "http://127.0.0.1:53124/callback"));

        Assert.Equal("http://127.0.0.1:53124/callback", location.GetLeftPart(UriPartial.Path));
        Assert.NotNull(ConsentUser.ReadRedirect(location).Code);
    }

    [Theory]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge", "", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", "calendar:read admin", "invalid_scope")]
    public async Task A_bad_parameter_with_a_good_client_and_redirect_uri_is_sent_back_to_the_client(string name, string value, string error)
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var url = QueryHelpers.ParseQuery(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge).Query).ToDictionary(static p => p.Key, static p => (string?)p.Value.ToString());
        url[name] = value;

        using var response = await flow.Http.GetAsync(QueryHelpers.AddQueryString(flow.Authority.AuthorizationEndpoint.ToString(), url));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith(FlowHarness.RedirectUri + "?", response.Headers.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(error, query["error"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
    }

    [Fact]
    public async Task Deny_sends_access_denied_with_state_and_iss()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        flow.User.Deny = true;

        var location = await flow.User.ConsentAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge));
        var query = QueryHelpers.ParseQuery(location.Query);

        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
        Assert.Equal(flow.Authority.Issuer, query["iss"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Unticked_scopes_are_not_granted_and_the_user_picker_chooses_the_subject()
    {
        await using var flow = await FlowHarness.StartAsync(options => options.Users = ["alice", "bob"]);
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        flow.User.Untick.Add(FlowHarness.Write);
        flow.User.PickUser = "bob";

        var code = await flow.GetCodeAsync(clientId, challenge);
        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, code, verifier));
        var claims = AuthorizationCodeGrantTests.Claims(tokens["access_token"]!.GetValue<string>());

        Assert.Contains("<option value=\"alice\">alice</option><option value=\"bob\">bob</option>", flow.User.Pages[0], StringComparison.Ordinal);
        Assert.Equal("bob", claims.GetProperty("sub").GetString());
        Assert.Equal("calendar:read", claims.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_step_up_request_shows_only_the_new_scope_and_the_token_carries_the_union()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var (verifier, challenge) = FlowHarness.Pkce();
        await flow.GetCodeAsync(clientId, challenge, scope: FlowHarness.Read);

        var code = await flow.GetCodeAsync(clientId, challenge, scope: FlowHarness.Read + " " + FlowHarness.Write);
        var tokens = await FlowHarness.TokensAsync(await flow.RedeemAsync(clientId, code, verifier));

        Assert.Equal([FlowHarness.Read], ConsentForm.ScopeCheckboxes(flow.User.Pages[0]));
        Assert.Equal([FlowHarness.Write], ConsentForm.ScopeCheckboxes(flow.User.Pages[1]));
        Assert.Equal([FlowHarness.Read], ConsentForm.AlreadyGranted(flow.User.Pages[1]));
        Assert.Equal("calendar:read calendar:write", tokens["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_parameter_shown_on_the_page_is_html_encoded_and_the_page_cannot_be_framed()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync(name: "<script>alert(1)</script>\"'");

        using var response = await flow.Http.GetAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge, state: "\"><script>alert(2)</script>"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_consent_form_posted_from_another_browser_session_is_refused_without_a_redirect()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        var url = flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge);

        // The attacker loads the page in their own browser and makes the victim's browser (no session cookie) submit it.
        using var attackerPage = await flow.Http.GetAsync(url);
        var form = ConsentForm.HiddenInputs(await attackerPage.Content.ReadAsStringAsync());
        form.Add(KeyValuePair.Create("decision", "allow"));
        using var victim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var forged = await victim.PostAsync(flow.Authority.AuthorizationEndpoint, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
    }

    [Fact]
    public async Task A_consent_form_with_a_wrong_csrf_token_is_refused()
    {
        await using var flow = await FlowHarness.StartAsync();
        var clientId = await flow.RegisterPublicClientAsync();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        using var page = await browser.GetAsync(flow.AuthorizationUrl(clientId, FlowHarness.Pkce().Challenge));
        var form = ConsentForm.HiddenInputs(await page.Content.ReadAsStringAsync())
            .Select(static field => field.Key == "csrf" ? KeyValuePair.Create("csrf", "AAAA" + field.Value[4..]) : field)
            .Append(KeyValuePair.Create("decision", "allow"));

        using var forged = await browser.PostAsync(flow.Authority.AuthorizationEndpoint, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
    }

    [Fact]
    public async Task Registration_accepts_public_and_confidential_clients_and_a_confidential_one_authenticates_with_its_secret()
    {
        await using var flow = await FlowHarness.StartAsync();
        using var publicResponse = await flow.RegisterAsync(new JsonObject { ["redirect_uris"] = new JsonArray("https://app.example/cb"), ["token_endpoint_auth_method"] = "none" });
        using var confidentialResponse = await flow.RegisterAsync(new JsonObject
        {
            ["redirect_uris"] = new JsonArray(FlowHarness.RedirectUri),
            ["token_endpoint_auth_method"] = "client_secret_post",
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
        });
        var publicClient = await OAuthHarness.JsonAsync(publicResponse);
        var confidential = await OAuthHarness.JsonAsync(confidentialResponse);
        var clientId = confidential["client_id"]!.GetValue<string>();
        var (verifier, challenge) = FlowHarness.Pkce();
        var code = await flow.GetCodeAsync(clientId, challenge);

        using var withoutSecret = await flow.RedeemAsync(clientId, code, verifier);
        using var withSecret = await flow.PostTokenAsync([("grant_type", "authorization_code"), ("client_id", clientId), ("client_secret", confidential["client_secret"]!.GetValue<string>()), ("code", await flow.GetCodeAsync(clientId, challenge)), ("code_verifier", verifier), ("redirect_uri", FlowHarness.RedirectUri)]);

        Assert.Equal(HttpStatusCode.Created, publicResponse.StatusCode);
        Assert.Null(publicClient["client_secret"]);
        Assert.Equal("none", publicClient["token_endpoint_auth_method"]!.GetValue<string>());
        Assert.Equal("[\"authorization_code\"]", publicClient["grant_types"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, confidentialResponse.StatusCode);
        Assert.False(string.IsNullOrEmpty(confidential["client_secret"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSecret.StatusCode);
    }

    [Theory]
    [InlineData("""{"redirect_uris":["http://app.example/cb"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://app.example/cb#frag"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":[]}""", "invalid_redirect_uri")]
    [InlineData("""{"client_name":"x"}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://app.example/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example/cb"],"token_endpoint_auth_method":"none","grant_types":["client_credentials"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example/cb"],"response_types":["token"]}""", "invalid_client_metadata")]
    [InlineData("""[1,2]""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":""", "invalid_client_metadata")]
    public async Task Bad_registration_metadata_gets_the_RFC_7591_error_in_AuthPlanes_envelope(string body, string error)
    {
        await using var flow = await FlowHarness.StartAsync();

        using var response = await flow.Http.PostAsync(flow.Authority.RegistrationEndpoint, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task A_registration_body_over_one_megabyte_is_refused()
    {
        await using var flow = await FlowHarness.StartAsync();
        var body = """{"redirect_uris":["https://app.example/cb"],"client_name":""" + "\"" + new string('a', 1024 * 1024) + "\"}";

        using var response = await flow.Http.PostAsync(flow.Authority.RegistrationEndpoint, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_client_metadata");
    }
}
