using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Sample;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>A DPoP-bound token obtained through the dev authority's authorization code flow works against the sample with <c>AUTHPLANE_DPOP=required</c>.</summary>
public sealed class DPoPFlowTests
{
    [Fact]
    public async Task A_token_bound_at_the_token_endpoint_calls_a_sample_that_requires_DPoP()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}", "--AUTHPLANE_DPOP", "required");
        var issuer = server.Options.Issuer!;
        using var http = new HttpClient();
        using var key = DPoPKey.Create();
        using var user = new ConsentUser();
        using var registration = await http.PostAsJsonAsync(issuer + "/oauth/register", new JsonObject { ["redirect_uris"] = new JsonArray(FlowHarness.RedirectUri), ["token_endpoint_auth_method"] = "none" });
        var clientId = (await OAuthHarness.JsonAsync(registration))["client_id"]!.GetValue<string>();
        var (verifier, challenge) = FlowHarness.Pkce();
        var authorize = QueryHelpers.AddQueryString(issuer + "/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = FlowHarness.RedirectUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["resource"] = server.McpUrl,
            ["dpop_jkt"] = key.Thumbprint,
        });
        var code = ConsentUser.ReadRedirect(await user.ConsentAsync(new Uri(authorize))).Code!;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, issuer + "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthHarness.Pairs([("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("code_verifier", verifier), ("redirect_uri", FlowHarness.RedirectUri), ("resource", server.McpUrl)])),
        };
        tokenRequest.Headers.Add("DPoP", new DPoPProofBuilder(key, "POST", issuer + "/oauth/token").Build());
        var tokens = await FlowHarness.TokensAsync(await http.SendAsync(tokenRequest));

        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(server.McpUrl), TransportMode = HttpTransportMode.StreamableHttp },
            new HttpClient(new DPoPClientHandler(key, tokens["access_token"]!.GetValue<string>()) { InnerHandler = new HttpClientHandler() }),
            loggerFactory: null,
            ownsHttpClient: true);
        await using var client = await McpClient.CreateAsync(transport);
        var whoami = await client.CallToolAsync("whoami");

        using var caller = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(whoami.Content)).Text);
        Assert.Equal("DPoP", tokens["token_type"]!.GetValue<string>());
        Assert.True(caller.RootElement.GetProperty("dpop_bound").GetBoolean());
        Assert.Equal(key.Thumbprint, caller.RootElement.GetProperty("jkt").GetString());
        Assert.Equal(clientId, caller.RootElement.GetProperty("client_id").GetString());
    }
}
