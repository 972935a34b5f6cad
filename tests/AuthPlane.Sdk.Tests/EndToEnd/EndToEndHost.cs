using System.Net.Http.Headers;
using System.Text;
using AuthPlane.Sdk.Tests.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// A TestServer MCP host protected by the REAL AuthPlane pipeline: <c>AddAuthPlane</c> with its own verifier,
/// JWKS cache and DPoP validator, pointed at a <see cref="Testing.TestAuthority"/> in dev mode. Nothing of the
/// SDK is replaced. Optionally configured from an in-memory configuration (flat <c>AUTHPLANE_*</c> keys) and
/// with <c>UseForwardedHeaders</c> in front, as a host behind a reverse proxy would be.
/// </summary>
internal sealed class EndToEndHost : IAsyncDisposable
{
    /// <summary>The resource URI: TestServer presents its requests as <c>http://localhost/…</c>.</summary>
    public const string Resource = "http://localhost/mcp";

    /// <summary>The scopes the host advertises.</summary>
    public static readonly string[] Scopes = ["calendar:read", "calendar:write"];

    private EndToEndHost(WebApplication app)
    {
        App = app;
        Server = app.GetTestServer();
    }

    public WebApplication App { get; }

    public TestServer Server { get; }

    /// <summary>
    /// Starts a host whose options are set in code (issuer = <paramref name="issuer"/>, dev mode on); <paramref name="time"/>
    /// replaces the SDK's clock.
    /// </summary>
    public static Task<EndToEndHost> StartAsync(
        string issuer,
        Action<AuthPlaneOptions>? configure = null,
        bool stateless = true,
        bool forwardedHeaders = false,
        TimeProvider? time = null,
        ILoggerProvider? logs = null) =>
        StartAsync(
            services =>
            {
                if (time is not null)
                {
                    // Registered before AddAuthPlane, which only adds the system clock when none is registered.
                    services.AddSingleton(time);
                }

                services.AddAuthPlane(options =>
                {
                    options.Issuer = issuer;
                    options.Resource = Resource;
                    options.DevMode = true;
                    options.Scopes = Scopes;
                    configure?.Invoke(options);
                });
            },
            stateless,
            forwardedHeaders,
            logs);

    /// <summary>Starts a host configured only through <c>AddAuthPlane(configuration)</c> from <paramref name="values"/>.</summary>
    public static Task<EndToEndHost> StartFromConfigurationAsync(IDictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return StartAsync(services => services.AddAuthPlane(configuration), stateless: true, forwardedHeaders: false, logs: null);
    }

    private static async Task<EndToEndHost> StartAsync(Action<IServiceCollection> addAuthPlane, bool stateless, bool forwardedHeaders, ILoggerProvider? logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
        }

        builder.Services
            .AddMcpServer()
            .WithHttpTransport(options => options.Stateless = stateless)
            .WithAuthPlane()
            .WithTools<CalendarTools>()
            .WithTools<AdminTools>()
            .WithTools<TokenInfoTools>();
        addAuthPlane(builder.Services);
        if (forwardedHeaders)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            });
        }

        var app = builder.Build();
        if (forwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization();

        // What the application itself believes its URL is (shows that a spoofed Host or X-Forwarded-* took effect).
        app.MapGet("/whereami", (HttpRequest request) => request.Scheme + "://" + request.Host.Value);
        await app.StartAsync();
        return new EndToEndHost(app);
    }

    /// <summary>An HTTP client on the TestServer; <paramref name="outer"/> handlers wrap it (outermost first).</summary>
    public HttpClient CreateHttpClient(params DelegatingHandler[] outer)
    {
        HttpMessageHandler handler = Server.CreateHandler();
        for (var i = outer.Length - 1; i >= 0; i--)
        {
            outer[i].InnerHandler = handler;
            handler = outer[i];
        }

        return new HttpClient(handler) { BaseAddress = Server.BaseAddress };
    }

    /// <summary>Connects the official MCP C# SDK client (Streamable HTTP) through <paramref name="outer"/> handlers.</summary>
    public Task<McpClient> ConnectAsync(params DelegatingHandler[] outer) => ConnectAsync(CreateHttpClient(outer));

    /// <summary>Connects the official MCP C# SDK client with <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public Task<McpClient> ConnectWithBearerAsync(string token, RecordingHandler? recorder = null)
    {
        var http = recorder is null ? CreateHttpClient() : CreateHttpClient(recorder);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return ConnectAsync(http);
    }

    public static async Task<McpClient> ConnectAsync(HttpClient http)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(Resource), TransportMode = HttpTransportMode.StreamableHttp },
            http,
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    /// <summary>A raw JSON-RPC POST to <c>/mcp</c> with the given <c>Authorization</c> and <c>DPoP</c> header values.</summary>
    public async Task<HttpResponseMessage> PostAsync(string? authorization, string json = Rpc.ListTools, params string[] dpop)
    {
        using var http = CreateHttpClient();
        using var request = Rpc.Request(json);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var proof in dpop)
        {
            request.Headers.TryAddWithoutValidation("DPoP", proof);
        }

        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Raw JSON-RPC bodies and requests for the MCP endpoint.</summary>
internal static class Rpc
{
    public const string ListTools = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

    public static string CallTool(string name, int id = 1) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\",\"arguments\":{}}}";

    public static HttpRequestMessage Request(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EndToEndHost.Resource) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
