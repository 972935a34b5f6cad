using System.Globalization;
using System.Text;
using AuthPlane.Sample.McpServer.DevMode;
using AuthPlane.Sample.McpServer.Tools;
using AuthPlane.Sdk;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sample.McpServer;

/// <summary>
/// The sample MCP server: the AuthPlane two-line setup around a few tools. With no issuer configured
/// (<c>AUTHPLANE_ISSUER</c> or <c>AuthPlane:Issuer</c>) it runs in dev mode against an embedded authority.
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    /// <summary>The path the MCP endpoint is mapped at.</summary>
    public const string McpPath = "/mcp";

    private readonly DevAuthority? _authority;

    private SampleServer(WebApplication app, AuthPlaneOptions options, DevModeTokens? devMode, DevAuthority? authority)
    {
        App = app;
        Options = options;
        DevMode = devMode;
        _authority = authority;
    }

    /// <summary>The running web application.</summary>
    public WebApplication App { get; }

    /// <summary>The AuthPlane options the server runs with.</summary>
    public AuthPlaneOptions Options { get; }

    /// <summary>The ready-made tokens of dev mode; null when protected by a real AuthPlane.</summary>
    public DevModeTokens? DevMode { get; }

    /// <summary>The MCP endpoint URL (the resource URI).</summary>
    public string McpUrl => Options.Resource!;

    /// <summary>The RFC 9728 metadata URL of the MCP endpoint.</summary>
    public string MetadataUrl => ProtectedResourceMetadata.GetMetadataUrl(McpUrl);

    /// <summary>Builds and starts the server with ASP.NET Core's usual arguments (<c>--urls</c>, configuration keys).</summary>
    public static async Task<SampleServer> StartAsync(string[] args, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Set in code rather than in appsettings.json, which would be copied into every project that references the sample.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        var authority = await StartDevAuthorityIfNoIssuerAsync(builder.Configuration, ct).ConfigureAwait(false);
        WebApplication? app = null;
        try
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<CalendarStore>();

            // The AuthPlane setup: MCP filters, then options from configuration (AuthPlane section, AUTHPLANE_*).
            builder.Services.AddMcpServer()
                .WithHttpTransport(http => http.Stateless = true)
                .WithAuthPlane()
                .WithTools<PublicTools>()
                .WithTools<CalendarTools>()
                .WithTools<IdentityTools>();
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
                }
            });

            app = builder.Build();
            app.UseAuthPlane();
            app.MapMcp(McpPath).RequireAuthorization();
            await app.StartAsync(ct).ConfigureAwait(false);

            var options = app.Services.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;
            var tokens = authority is null ? null : new DevModeTokens(
                authority.Issuer,
                authority.MintAccessToken(SampleScopes.All),
                authority.MintAccessToken([SampleScopes.CalendarRead]));
            return new SampleServer(app, options, tokens, authority);
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
            .Append("  DPoP:              ").AppendLine(Options.DPoP.Mode.ToString());
        if (DevMode is null)
        {
            return text.ToString();
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Dev mode: an embedded test authority issued the tokens below (valid {DevAuthority.TokenLifetime.TotalMinutes:0} minutes).")
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
            .AppendLine(CurlCommand(DevMode.ReadOnlyAccessToken, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_event","arguments":{"title":"Demo","start":"2030-01-01T09:00:00Z"}}}"""));
        if (Options.DPoP.Mode == DPoPMode.Required)
        {
            text.AppendLine()
                .AppendLine("Note: AUTHPLANE_DPOP=required refuses these Bearer tokens; unset it (or use 'allowed') to try them with curl.");
        }

        return text.ToString();
    }

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

    private static async Task<DevAuthority?> StartDevAuthorityIfNoIssuerAsync(ConfigurationManager configuration, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuration["AUTHPLANE_ISSUER"])
            || !string.IsNullOrWhiteSpace(configuration[AuthPlaneOptions.SectionName + ":Issuer"]))
        {
            return null;
        }

        // --urls, ASPNETCORE_URLS and the "urls" setting all land in the "urls" key; ASPNETCORE_HTTP_PORTS in "http_ports".
        var resource = DevResourceUri.FromServerUrls(configuration["urls"], configuration["http_ports"]);
        return await DevAuthority.StartAsync(resource, ct).ConfigureAwait(false);
    }
}

/// <summary>The ready-made tokens of dev mode.</summary>
/// <param name="Issuer">The embedded authority's issuer.</param>
/// <param name="AccessToken">A token granting every scope of the sample.</param>
/// <param name="ReadOnlyAccessToken">A token granting only <c>calendar:read</c>.</param>
public sealed record DevModeTokens(string Issuer, string AccessToken, string ReadOnlyAccessToken);
