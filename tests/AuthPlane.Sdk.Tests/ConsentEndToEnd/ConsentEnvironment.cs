using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Xunit;
using AuthPlane.Sdk.Tests.Testing;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>
/// One real <see cref="TestAuthority"/> (a registered confidential client for the MCP server and one broker
/// resource), the loopback <see cref="UpstreamApi"/>, and an MCP server on a TestServer protected by the real
/// <c>AddAuthPlane</c>/<c>UseAuthPlane</c>/<c>WithAuthPlane</c> pipeline (real verifier against the authority's
/// JWKS) exposing <see cref="MeetingTools"/>. Shared by the tests of one class: each test uses its own users and
/// freshly minted caller tokens, so neither consents nor the exchanged-token cache leak between tests.
/// </summary>
public sealed class ConsentEnvironment : IAsyncLifetime
{
    public const string McpResource = "https://localhost/mcp";
    public const string ServerClientId = "mcp-meetings-server";
    public const string ServerClientSecret = "meetings-s3cret";

    private readonly ConcurrentBag<string> _callerTokens = [];
    private WebApplication? _mcpServer;
    private TestAuthority? _authority;
    private UpstreamApi? _upstream;
    private MeetingUpstream? _meetingUpstream;

    public TestAuthority Authority => _authority ?? throw new InvalidOperationException("Not started.");

    public UpstreamApi Upstream => _upstream ?? throw new InvalidOperationException("Not started.");

    /// <summary>What the tools threw from the token exchange.</summary>
    public IReadOnlyCollection<Exception> ExchangeFailures => (_meetingUpstream ?? throw new InvalidOperationException("Not started.")).ExchangeFailures;

    /// <summary>A browser stand-in for the consent page: no redirects followed, no cookies needed.</summary>
    public HttpClient Browser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    private HttpClient UpstreamHttp { get; } = new();

    private TestServer McpServer => (_mcpServer ?? throw new InvalidOperationException("Not started.")).GetTestServer();

    /// <summary>The MCP server's services (for its <c>IMeterFactory</c>).</summary>
    public IServiceProvider McpServices => (_mcpServer ?? throw new InvalidOperationException("Not started.")).Services;

    public async Task InitializeAsync()
    {
        _authority = await TestAuthority.StartAsync();
        _authority.RegisterClient(ServerClientId, ServerClientSecret);
        _authority.RegisterUpstream(MeetingUpstream.Resource, MeetingUpstream.DisplayName, "calendar.read", "calendar.events", "calendar.write");
        _upstream = await UpstreamApi.StartAsync(_authority);
        _meetingUpstream = new MeetingUpstream(_upstream.BaseAddress, UpstreamHttp);
        _mcpServer = await StartMcpServerAsync(_authority, _meetingUpstream);
    }

    /// <summary>A fresh access token of the authority for the MCP server, for user <paramref name="subject"/>; remembered so tests can prove it never went upstream.</summary>
    public string CallerToken(string subject)
    {
        var token = Authority.MintAccessToken(McpResource, descriptor =>
        {
            descriptor.Subject = subject;
            descriptor.ClientId = "mcp-inspector";
            descriptor.Scopes = ["mcp:tools"];
        });
        _callerTokens.Add(token);
        return token;
    }

    /// <summary>The official MCP C# SDK client over Streamable HTTP, sending <paramref name="callerToken"/> as Bearer.</summary>
    public async Task<McpClient> ConnectAsync(string callerToken)
    {
        var http = new HttpClient(McpServer.CreateHandler()) { BaseAddress = McpServer.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", callerToken);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(McpResource), TransportMode = HttpTransportMode.StreamableHttp },
            http,
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    /// <summary>A plain JSON-RPC <c>tools/call</c> POST (no MCP client); returns the HTTP status and the JSON-RPC message.</summary>
    public async Task<(HttpStatusCode Status, JsonDocument Message)> PostToolsCallAsync(string callerToken, string tool)
    {
        using var http = new HttpClient(McpServer.CreateHandler()) { BaseAddress = McpServer.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":""" + JsonSerializer.Serialize(tool) + ""","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", callerToken);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // Streamable HTTP may answer as server-sent events: the JSON-RPC message is in the data lines.
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? string.Join('\n', body.Split('\n').Where(static line => line.StartsWith("data:", StringComparison.Ordinal)).Select(static line => line["data:".Length..].Trim()))
            : body;
        return (response.StatusCode, JsonDocument.Parse(json));
    }

    /// <summary>
    /// Grants consent as a browser would: GET the consent page, then POST its form (hidden fields as rendered) back
    /// to the same URL. Returns the page HTML.
    /// </summary>
    public async Task<string> ConsentThroughPageAsync(string consentUrl)
    {
        using var page = await Browser.GetAsync(new Uri(consentUrl));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal); // no action: the form posts to the page's own URL

        var fields = ConsentForm.HiddenInputs(html);
        using var submitted = await Browser.PostAsync(new Uri(consentUrl), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Consent granted", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return html;
    }

    /// <summary>
    /// Every upstream request so far carried <c>Bearer &lt;an upstream token the authority vended&gt;</c> and never a
    /// caller's own access token.
    /// </summary>
    public void AssertUpstreamNeverSawACallerToken()
    {
        var callerTokens = _callerTokens.ToHashSet(StringComparer.Ordinal);
        Assert.All(Upstream.ReceivedAuthorizations, authorization =>
        {
            Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
            var token = authorization["Bearer ".Length..];
            Assert.DoesNotContain(token, callerTokens);
            Assert.NotNull(Authority.LookupUpstreamGrant(token));
        });
    }

    public async Task DisposeAsync()
    {
        if (_mcpServer is not null)
        {
            await _mcpServer.StopAsync();
            await _mcpServer.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }

        Browser.Dispose();
        UpstreamHttp.Dispose();
    }

    private static async Task<WebApplication> StartMcpServerAsync(TestAuthority authority, MeetingUpstream upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri("https://localhost/"));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(upstream);
        builder.Services
            .AddMcpServer()
            .WithHttpTransport(options => options.Stateless = true)
            .WithAuthPlane()
            .WithTools<MeetingTools>();
        builder.Services.AddAuthPlane(options =>
        {
            options.Issuer = authority.Issuer;
            options.Resource = McpResource;
            options.Scopes = ["mcp:tools"];
            options.ClientId = ServerClientId;
            options.ClientSecret = ServerClientSecret;
            options.DevMode = true; // the authority's issuer is http on loopback
        });

        var app = builder.Build();
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
