using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using AuthPlane.Sample.McpServer.DevMode;
using AuthPlane.Sample.McpServer.Tools;
using AuthPlane.Sample.McpServer.Upstream;
using AuthPlane.Sdk;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sample.McpServer;

/// <summary>
/// The sample MCP server: the AuthPlane two-line setup around a few tools. With an issuer configured
/// (<c>AUTHPLANE_ISSUER</c> or <c>AuthPlane:Issuer</c>) it trusts that AuthPlane. Without one it runs in dev mode
/// against an embedded authority, but only on purpose: in the Development environment, with
/// <c>AUTHPLANE_DEV_MODE=true</c>, or with the <c>--dev-authority</c> switch; otherwise start-up fails.
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    /// <summary>The path the MCP endpoint is mapped at.</summary>
    public const string McpPath = "/mcp";

    private readonly DevAuthority? _authority;

    private SampleServer(WebApplication app, AuthPlaneOptions options, UpstreamApiOptions upstream, DevModeTokens? devMode, DevAuthority? authority, DemoUpstreamApi? devUpstream)
    {
        App = app;
        Options = options;
        Upstream = upstream;
        DevMode = devMode;
        DevUpstream = devUpstream;
        _authority = authority;
    }

    /// <summary>The running web application.</summary>
    public WebApplication App { get; }

    /// <summary>The AuthPlane options the server runs with.</summary>
    public AuthPlaneOptions Options { get; }

    /// <summary>The upstream API the <c>upstream_agenda</c> tool calls; not configured means the tool is not offered.</summary>
    public UpstreamApiOptions Upstream { get; }

    /// <summary>The ready-made tokens of dev mode; null when protected by a real AuthPlane.</summary>
    public DevModeTokens? DevMode { get; }

    /// <summary>The demo upstream API hosted in dev mode; null when protected by a real AuthPlane.</summary>
    public DemoUpstreamApi? DevUpstream { get; }

    /// <summary>The MCP endpoint URL (the resource URI).</summary>
    public string McpUrl => Options.Resource!;

    /// <summary>The RFC 9728 metadata URL of the MCP endpoint.</summary>
    public string MetadataUrl => ProtectedResourceMetadataDocument.GetMetadataUrl(McpUrl);

    /// <summary>The health endpoint's URL, on the resource's origin.</summary>
    public string HealthUrl => new Uri(new Uri(McpUrl), HealthPath).ToString();

    /// <summary>The dev-mode metrics page's URL, on the resource's origin.</summary>
    public string MetricsUrl => new Uri(new Uri(McpUrl), DevMetricsPage.Path).ToString();

    /// <summary>The command-line switch that starts the embedded dev authority whatever the environment.</summary>
    public const string DevAuthoritySwitch = "--dev-authority";

    /// <summary>The health endpoint: the authority's metadata and keys loaded and fresh (anonymous).</summary>
    public const string HealthPath = "/health";

    /// <summary>
    /// Builds and starts the server with ASP.NET Core's usual arguments (<c>--urls</c>, <c>--environment</c>,
    /// configuration keys) plus <see cref="DevAuthoritySwitch"/>.
    /// </summary>
    public static async Task<SampleServer> StartAsync(string[] args, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var devSwitch = args.Contains(DevAuthoritySwitch, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder([.. args.Where(static arg => arg != DevAuthoritySwitch)]);

        // Set in code rather than in appsettings.json, which would be copied into every project that references the sample.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var authority = await StartDevAuthorityIfNoIssuerAsync(builder, devSwitch, ct).ConfigureAwait(false);
        WebApplication? app = null;
        try
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<CalendarStore>();
            var upstream = AddUpstreamApi(builder, authority);

            // The AuthPlane setup: MCP filters, then options from configuration (AuthPlane section, AUTHPLANE_*).
            var mcp = builder.Services.AddMcpServer()
                .WithHttpTransport(http => http.Stateless = true)
                .WithAuthPlane()
                .WithTools<PublicTools>()
                .WithTools<CalendarTools>()
                .WithTools<IdentityTools>();
            if (upstream.IsConfigured)
            {
                mcp.WithTools<UpstreamCalendarTools>();
            }

            builder.Services.AddAuthPlane(builder.Configuration, options =>
            {
                if (options.Scopes.Count == 0)
                {
                    options.Scopes = SampleScopes.All;
                }

                if (authority is not null)
                {
                    options.Issuer = authority.Issuer;
                    options.Resource = authority.Resource;
                    options.DevMode = true;

                    // The dev authority knows the sample only under this client; it authenticates the token exchange.
                    options.ClientId = DevAuthority.SampleClientId;
                    options.ClientSecret = authority.SampleClientSecret;
                }
            });

            builder.Services.AddHealthChecks().AddAuthPlane();
            app = builder.Build();
            var devUpstream = authority is null ? null : new DemoUpstreamApi(authority);
            devUpstream?.Map(app); // before UseAuthPlane: the demo upstream checks its own tokens
            app.UseAuthPlane();
            app.MapMcp(McpPath).RequireAuthorization();
            app.MapHealthChecks(HealthPath);
            if (authority is not null)
            {
                var metrics = new DevMetricsPage(app.Services.GetRequiredService<IMeterFactory>());
                metrics.Map(app);
                app.Lifetime.ApplicationStopped.Register(metrics.Dispose);
            }

            await app.StartAsync(ct).ConfigureAwait(false);

            var options = app.Services.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;
            var tokens = authority is null ? null : new DevModeTokens(
                authority.Issuer,
                authority.MintAccessToken(SampleScopes.All),
                authority.MintAccessToken([SampleScopes.CalendarRead]));
            return new SampleServer(app, options, upstream, tokens, authority, devUpstream);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            if (authority is not null)
            {
                await authority.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>What to print after start-up: the URLs and, in dev mode, the tokens and ready-to-paste curl lines.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine()
            .AppendLine("AuthPlane sample MCP server")
            .Append("  MCP endpoint:      ").AppendLine(McpUrl)
            .Append("  Resource metadata: ").AppendLine(MetadataUrl)
            .Append("  Authority:         ").AppendLine(Options.Issuer)
            .Append("  DPoP:              ").AppendLine(Options.DPoP.Mode.ToString())
            .Append("  Health:            ").AppendLine(HealthUrl);
        if (DevMode is not null)
        {
            text.Append("  Metrics:           ").AppendLine(MetricsUrl);
        }

        if (Upstream.IsConfigured)
        {
            text.Append("  Upstream API:      ").Append(Upstream.BaseUrl).Append(" (tool upstream_agenda, token exchange for ").Append(Upstream.Resource).AppendLine(")");
        }

        if (DevMode is null)
        {
            return text.ToString();
        }

        text.AppendLine()
            .AppendLine("Dev mode: an embedded no-login AuthPlane-compatible authority runs the whole OAuth flow. Connect with MCP Inspector:")
            .AppendLine()
            .Append("  ").AppendLine(InspectorCommand)
            .AppendLine()
            .AppendLine("  In the Inspector page it opens, switch the server card on (Connect). The dev authority's consent page opens:")
            .AppendLine("  keep or untick scopes, click \"Allow\"; then open \"Tools\". Grant only calendar:read to see create_event ask for")
            .AppendLine("  a step-up (\"Additional permissions required\" > \"Authorize\"): the consent page then offers only calendar:write.")
            .Append("  Dev authority state (signing key, registered clients): ").AppendLine(_authority!.StateDirectory is { } directory ? directory + " (delete it to reset)" : "in memory only")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Or call it with curl and the tokens below (valid {DevAuthority.TokenLifetime.TotalMinutes:0} minutes).")
            .AppendLine()
            .Append("Access token (").AppendJoin(' ', SampleScopes.All).AppendLine("):")
            .AppendLine(DevMode.AccessToken)
            .AppendLine()
            .Append("Read-only token (").Append(SampleScopes.CalendarRead).AppendLine("), to see the 403 step-up on create_event:")
            .AppendLine(DevMode.ReadOnlyAccessToken)
            .AppendLine()
            .AppendLine("List the tools:")
            .AppendLine(CurlCommand(DevMode.AccessToken, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""))
            .AppendLine()
            .AppendLine("Call create_event with the read-only token (403 insufficient_scope):")
            .AppendLine(CurlCommand(DevMode.ReadOnlyAccessToken, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_event","arguments":{"title":"Demo","start":"2030-01-01T09:00:00Z"}}}"""))
            .AppendLine()
            .Append("Call upstream_agenda, which reaches the demo upstream API (").Append(Upstream.BaseUrl).AppendLine(") through token exchange.")
            .AppendLine("The first call answers JSON-RPC error -32042 with a consent URL (error.data.elicitations[0].url): open it in a")
            .AppendLine("browser and click \"Allow\"; the same call then returns the agenda:")
            .AppendLine(CurlCommand(DevMode.AccessToken, UpstreamAgendaCall));
        if (Options.DPoP.Mode == DPoPMode.Required)
        {
            text.AppendLine()
                .AppendLine("Note: AUTHPLANE_DPOP=required refuses these Bearer tokens; unset it (or use 'allowed') to try them with curl.");
        }

        return text.ToString();
    }

    /// <summary>The command that starts MCP Inspector (its page opens at <c>http://127.0.0.1:6274</c>) with this server in its list.</summary>
    public string InspectorCommand => "npx @modelcontextprotocol/inspector --transport http --server-url " + McpUrl;

    /// <summary>The JSON-RPC request that calls the <c>upstream_agenda</c> tool.</summary>
    public const string UpstreamAgendaCall = """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"upstream_agenda"}}""";

    /// <summary>A <c>curl</c> command that POSTs <paramref name="jsonRpc"/> to the MCP endpoint with <paramref name="token"/>.</summary>
    public string CurlCommand(string token, string jsonRpc) =>
        $"curl -sS -i -X POST {McpUrl} -H \"Authorization: Bearer {token}\" -H \"Accept: application/json, text/event-stream\" -H \"Content-Type: application/json\" -d '{jsonRpc}'";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().ConfigureAwait(false);
            await App.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_authority is not null)
            {
                await _authority.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Binds Sample:Upstream (dev mode points it at the demo upstream) and the named HttpClient of the upstream tool.
    private static UpstreamApiOptions AddUpstreamApi(WebApplicationBuilder builder, DevAuthority? authority)
    {
        if (authority is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [UpstreamApiOptions.SectionName + ":Resource"] = authority.UpstreamBaseUrl,
                [UpstreamApiOptions.SectionName + ":Scope"] = DevAuthority.UpstreamScope,
                [UpstreamApiOptions.SectionName + ":BaseUrl"] = authority.UpstreamBaseUrl,
            });
        }

        var upstream = builder.Configuration.GetSection(UpstreamApiOptions.SectionName).Get<UpstreamApiOptions>() ?? new UpstreamApiOptions();
        if (upstream.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.Configure<UpstreamApiOptions>(builder.Configuration.GetSection(UpstreamApiOptions.SectionName));
        builder.Services.AddHttpClient(UpstreamCalendarTools.HttpClientName, http =>
            {
                http.Timeout = TimeSpan.FromSeconds(10);
                http.MaxResponseContentBufferSize = 1024 * 1024;
            })
            // No redirects: the upstream token goes only to the configured upstream.
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false });
        return upstream;
    }

    private static async Task<DevAuthority?> StartDevAuthorityIfNoIssuerAsync(WebApplicationBuilder builder, bool devSwitch, CancellationToken ct)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["AUTHPLANE_ISSUER"])
            || !string.IsNullOrWhiteSpace(configuration[AuthPlaneOptions.SectionName + ":Issuer"]))
        {
            return null;
        }

        // A no-login authority that grants anything must never start by accident, e.g. in production with a missing setting.
        var devModeRequested = devSwitch
            || builder.Environment.IsDevelopment()
            || string.Equals(configuration["AUTHPLANE_DEV_MODE"], "true", StringComparison.OrdinalIgnoreCase);
        if (!devModeRequested)
        {
            throw new InvalidOperationException(
                $"No authorization server is configured. Set AUTHPLANE_ISSUER (or AuthPlane:Issuer) to your AuthPlane issuer URL. "
                + $"To use the embedded no-login dev authority instead, run in the Development environment (ASPNETCORE_ENVIRONMENT=Development, "
                + $"as 'dotnet run' does), set AUTHPLANE_DEV_MODE=true, or pass {DevAuthoritySwitch}. (Hosting environment: {builder.Environment.EnvironmentName}.)");
        }

        // --urls, ASPNETCORE_URLS and the "urls" setting all land in the "urls" key; ASPNETCORE_HTTP_PORTS in "http_ports".
        var resource = DevResourceUri.FromServerUrls(configuration["urls"], configuration["http_ports"]);
        var settings = configuration.GetSection(DevAuthoritySettings.SectionName).Get<DevAuthoritySettings>() ?? new DevAuthoritySettings();
        return await DevAuthority.StartAsync(resource, settings, ct).ConfigureAwait(false);
    }
}

/// <summary>The ready-made tokens of dev mode.</summary>
/// <param name="Issuer">The embedded authority's issuer.</param>
/// <param name="AccessToken">A token granting every scope of the sample.</param>
/// <param name="ReadOnlyAccessToken">A token granting only <c>calendar:read</c>.</param>
public sealed record DevModeTokens(string Issuer, string AccessToken, string ReadOnlyAccessToken);
