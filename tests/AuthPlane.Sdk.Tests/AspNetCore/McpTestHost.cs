using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace AuthPlane.Sdk.Tests.AspNetCore;

/// <summary>
/// One reusable in-memory host: <c>AddMcpServer().WithHttpTransport().WithAuthPlane()</c> with the test tools,
/// <c>AddAuthPlane</c>, <c>UseAuthPlane()</c> and <c>MapMcp("/mcp").RequireAuthorization()</c> on a TestServer.
/// The verifier registration is a parameter, so moving to the real pipeline is a one-line change.
/// </summary>
internal sealed class McpTestHost : IAsyncDisposable
{
    public const string Resource = "https://localhost/mcp";

    private McpTestHost(WebApplication app)
    {
        App = app;
        Server = app.GetTestServer();
    }

    public WebApplication App { get; }

    public TestServer Server { get; }

    /// <summary>The verifier registration of these tests: literal tokens (see <see cref="TestRequestVerifier"/>).</summary>
    public static Action<IServiceCollection> LiteralTokens(IAuthPlaneRequestVerifier verifier) =>
        services => services.AddSingleton<IAuthPlaneRequestVerifier>(verifier);

    public static async Task<McpTestHost> StartAsync(
        Action<IServiceCollection> registerVerifier,
        Action<AuthPlaneOptions>? configure = null,
        Action<AuthPlaneAspNetCoreOptions>? configureAspNetCore = null,
        bool stateless = true,
        bool useScopeGate = true,
        ILoggerProvider? logs = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        bool mcpRequiresAuthorization = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri("https://localhost/"));
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.Services
            .AddMcpServer()
            .WithHttpTransport(options => options.Stateless = stateless)
            .WithAuthPlane()
            .WithTools<CalendarTools>()
            .WithTools<AdminTools>()
            .WithPrompts<TestPrompts>()
            .WithResources<TestResources>();
        builder.Services.AddAuthPlane(options =>
        {
            options.Issuer = "https://auth.example.com";
            options.Resource = Resource;
            options.Scopes = ["calendar:read", "calendar:write"];
            configure?.Invoke(options);
        });
        if (configureAspNetCore is not null)
        {
            builder.Services.ConfigureAuthPlaneAspNetCore(configureAspNetCore);
        }

        registerVerifier(builder.Services);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (useScopeGate)
        {
            app.UseAuthPlane();
        }
        else
        {
            // Only authentication: lets a test reach the MCP request filters without the HTTP scope gate.
            app.UseAuthentication();
            app.UseAuthorization();
        }

        var mcp = app.MapMcp("/mcp");
        if (mcpRequiresAuthorization)
        {
            mcp.RequireAuthorization();
        }

        map?.Invoke(app);
        app.MapGet("/public", () => "public");
        app.MapGet("/admin", () => "admin").RequireAuthorization(policy => policy.RequireClaim("scope", "admin"));
        await app.StartAsync();
        return new McpTestHost(app);
    }

    /// <summary>An HTTP client sending <paramref name="authorization"/> (e.g. <c>Bearer token-read</c>) on every request.</summary>
    public HttpClient CreateHttpClient(string? authorization = null, RecordingHandler? recorder = null)
    {
        HttpMessageHandler handler = Server.CreateHandler();
        if (recorder is not null)
        {
            recorder.InnerHandler = handler;
            handler = recorder;
        }

        var client = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return client;
    }

    /// <summary>Connects the official MCP C# SDK client over Streamable HTTP with <paramref name="authorization"/>.</summary>
    public Task<McpClient> ConnectAsync(string authorization, RecordingHandler? recorder = null) =>
        ConnectAsync(CreateHttpClient(authorization, recorder));

    public static async Task<McpClient> ConnectAsync(HttpClient httpClient)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(Resource), TransportMode = HttpTransportMode.StreamableHttp },
            httpClient,
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    /// <summary>A raw JSON-RPC POST to <c>/mcp</c>.</summary>
    public static Task<HttpResponseMessage> PostJsonRpcAsync(HttpClient client, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Records every response (and request) that passes, so tests can assert exact headers behind the MCP client.
/// Thread-safe: a stateful MCP client runs its GET event stream beside its POSTs.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<HttpResponseMessage> _responses = [];
    private readonly List<HttpRequestMessage> _requests = [];

    /// <summary>A snapshot of the responses so far, in arrival order.</summary>
    public IReadOnlyList<HttpResponseMessage> Responses
    {
        get
        {
            lock (_gate)
            {
                return [.. _responses];
            }
        }
    }

    /// <summary>A snapshot of the requests so far, in sending order.</summary>
    public IReadOnlyList<HttpRequestMessage> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The body of each error response (status 400 and above), read before the MCP client disposes it.</summary>
    public ConcurrentDictionary<HttpResponseMessage, string> ErrorBodies { get; } = [];

    /// <summary>When set, replaces the Authorization header of each request (a token refreshed mid-session).</summary>
    public Func<AuthenticationHeaderValue>? Authorization { get; set; }

    /// <summary>The response to the latest JSON-RPC POST (ignoring the client's GET event stream).</summary>
    public HttpResponseMessage LastPostResponse() => Responses.Last(response => response.RequestMessage?.Method == HttpMethod.Post);

    /// <summary>The latest JSON-RPC POST (ignoring the client's GET event stream).</summary>
    public HttpRequestMessage LastPostRequest() => Requests.Last(request => request.Method == HttpMethod.Post);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Authorization is not null)
        {
            request.Headers.Authorization = Authorization();
        }

        lock (_gate)
        {
            _requests.Add(request);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 400)
        {
            ErrorBodies[response] = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        lock (_gate)
        {
            _responses.Add(response);
        }

        return response;
    }
}
