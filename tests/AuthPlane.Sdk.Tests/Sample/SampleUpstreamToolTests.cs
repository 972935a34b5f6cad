using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthPlane.Sample.McpServer;
using AuthPlane.Sample.McpServer.DevMode;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>
/// The sample's <c>upstream_agenda</c> tool: token exchange for an upstream resource, -32042 until the user consents
/// at the authority's consent page, then the upstream's answer; only the exchanged token ever goes upstream.
/// </summary>
public sealed class SampleUpstreamToolTests
{
    private const string Tool = "upstream_agenda";

    [Fact]
    public async Task Dev_mode_answers_a_consent_url_elicitation_then_after_allowing_on_the_consent_page_the_same_call_returns_the_agenda()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        var callerToken = server.DevMode!.AccessToken;
        await using var client = await SampleHost.ConnectAsync(server.McpUrl, callerToken);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync(Tool).AsTask());
        var elicitation = Assert.Single(consent.Elicitations);
        var consentPage = await browser.GetStringAsync(elicitation.Url);
        using var allowed = await browser.PostAsync(elicitation.Url, new FormUrlEncodedContent(ConsentForm.HiddenInputs(consentPage)));
        var result = await client.CallToolAsync(Tool);

        Assert.Equal("url", elicitation.Mode);
        Assert.Equal("Authorize access to demo-calendar", elicitation.Message);
        Assert.StartsWith($"{server.DevMode.Issuer}/connect/demo-calendar?", elicitation.Url, StringComparison.Ordinal);
        Assert.Contains("agenda.read", consentPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Consent granted", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(true, result.IsError);
        using var agenda = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal("dev-user", agenda.RootElement.GetProperty("owner").GetString());
        Assert.Equal(["agenda.read"], agenda.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, agenda.RootElement.GetProperty("items").GetArrayLength());

        // Only the call after consent reached the upstream, carrying a token the authority vended to the sample's
        // client for the demo upstream: never the MCP caller's own token.
        var received = Assert.Single(server.DevUpstream!.ReceivedCalls);
        Assert.NotEqual(callerToken, received.Token);
        var grant = Assert.IsType<AuthPlane.Sdk.Testing.OAuth.UpstreamGrant>(received.Grant);
        Assert.Equal("dev-user", grant.Subject);
        Assert.Equal(DevAuthority.SampleClientId, grant.ClientId);
        Assert.Equal(server.Upstream.Resource, grant.Resource);
        Assert.Equal(["agenda.read"], grant.Scopes);
    }

    [Fact]
    public async Task The_demo_upstream_refuses_the_mcp_callers_own_token_and_a_missing_token_with_401()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        var agendaUrl = $"http://127.0.0.1:{port}/dev-upstream/agenda";
        using var withCallerToken = new HttpRequestMessage(HttpMethod.Get, agendaUrl);
        withCallerToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.DevMode!.AccessToken);

        using var callerTokenAnswer = await http.SendAsync(withCallerToken);
        using var anonymousAnswer = await http.GetAsync(agendaUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, callerTokenAnswer.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", callerTokenAnswer.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousAnswer.StatusCode);
        Assert.Null(Assert.Single(server.DevUpstream!.ReceivedCalls).Grant);
    }

    [Fact]
    public async Task Dev_mode_prints_the_upstream_tool_the_consent_step_and_a_curl_line_that_calls_it()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");

        var printed = server.Describe();

        Assert.Contains($"Upstream API:      http://127.0.0.1:{port}/dev-upstream (tool upstream_agenda", printed, StringComparison.Ordinal);
        Assert.Contains("-32042", printed, StringComparison.Ordinal);
        Assert.Contains(server.CurlCommand(server.DevMode!.AccessToken, SampleServer.UpstreamAgendaCall), printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_a_configured_authority_the_tool_exchanges_with_the_servers_own_client_credentials_for_the_configured_upstream()
    {
        const string upstreamResource = "https://calendar.example.test";
        const string upstreamScope = "events.read";
        await using var authority = await TestAuthority.StartAsync();
        authority.RegisterClient("sample-server", "sample-secret");
        authority.RegisterUpstream(upstreamResource, "example-calendar", upstreamScope, "events.write");
        authority.GrantConsent("alice", upstreamResource, upstreamScope);
        await using var upstream = await RecordingUpstream.StartAsync();
        var port = SampleHost.FreeLoopbackPort();
        var resource = $"http://127.0.0.1:{port}/mcp";
        await using var server = await SampleHost.StartAsync(
            "--urls", $"http://127.0.0.1:{port}",
            $"--AuthPlane:Issuer={authority.Issuer}",
            $"--AuthPlane:Resource={resource}",
            "--AuthPlane:DevMode=true",
            "--AUTHPLANE_CLIENT_ID=sample-server",
            "--AUTHPLANE_CLIENT_SECRET=sample-secret",
            $"--Sample:Upstream:Resource={upstreamResource}",
            $"--Sample:Upstream:Scope={upstreamScope}",
            $"--Sample:Upstream:BaseUrl={upstream.BaseUrl}/v1");
        var callerToken = authority.MintAccessToken(resource, t =>
        {
            t.Subject = "alice";
            t.ClientId = "some-mcp-client";
            t.Scopes = ["calendar:read"];
        });
        await using var client = await SampleHost.ConnectAsync(server.McpUrl, callerToken);

        var result = await client.CallToolAsync(Tool);

        Assert.Null(server.DevMode);
        Assert.Equal(RecordingUpstream.Answer, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        var (path, authorization) = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/agenda", path);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var sentToken = authorization["Bearer ".Length..];
        Assert.NotEqual(callerToken, sentToken);
        var grant = Assert.IsType<AuthPlane.Sdk.Testing.OAuth.UpstreamGrant>(authority.LookupUpstreamGrant(sentToken));
        Assert.Equal("alice", grant.Subject);
        Assert.Equal("sample-server", grant.ClientId);
        Assert.Equal(upstreamResource, grant.Resource);
        Assert.Equal([upstreamScope], grant.Scopes);
    }

    [Fact]
    public async Task Without_an_upstream_configured_the_tool_is_not_offered()
    {
        await using var authority = await TestAuthority.StartAsync();
        var port = SampleHost.FreeLoopbackPort();
        var resource = $"http://127.0.0.1:{port}/mcp";
        await using var server = await SampleHost.StartAsync(
            "--urls", $"http://127.0.0.1:{port}",
            $"--AuthPlane:Issuer={authority.Issuer}",
            $"--AuthPlane:Resource={resource}",
            "--AuthPlane:DevMode=true");
        await using var client = await SampleHost.ConnectAsync(server.McpUrl, authority.MintAccessToken(resource));

        var tools = await client.ListToolsAsync();

        Assert.False(server.Upstream.IsConfigured);
        Assert.DoesNotContain(tools, t => t.Name == Tool);
        Assert.DoesNotContain("Upstream API", server.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_resource_without_a_base_url_fails_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SampleHost.StartAsync(
            "--urls", $"http://127.0.0.1:{SampleHost.FreeLoopbackPort()}",
            "--AuthPlane:Issuer=https://auth.example.com",
            "--AuthPlane:Resource=https://mcp.example.test/mcp",
            "--Sample:Upstream:Resource=https://calendar.example.test"));

        Assert.Contains("Sample:Upstream:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    // An upstream API on a loopback port that records the path and Authorization header of every request.
    private sealed class RecordingUpstream : IAsyncDisposable
    {
        public const string Answer = """{"items":["from the configured upstream"]}""";

        private readonly WebApplication _app;
        private readonly List<(string Path, string Authorization)> _requests = [];

        private RecordingUpstream(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();

        public IReadOnlyList<(string Path, string Authorization)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static async Task<RecordingUpstream> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var upstream = new RecordingUpstream(app);
            app.Run(context =>
            {
                lock (upstream._requests)
                {
                    upstream._requests.Add((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString()));
                }

                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(Answer, Encoding.UTF8);
            });
            await app.StartAsync();
            return upstream;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
