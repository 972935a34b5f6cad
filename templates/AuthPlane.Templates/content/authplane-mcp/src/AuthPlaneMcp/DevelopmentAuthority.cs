using AuthPlane.Sdk;
using AuthPlane.Sdk.Testing;

namespace AuthPlaneMcp;

/// <summary>
/// Dev mode: in the Development environment, when no issuer is configured, an embedded <see cref="TestAuthority"/>
/// on a loopback port protects the server and mints tokens. It has no login, so it never starts in any other
/// environment: there the server needs AUTHPLANE_ISSUER and AUTHPLANE_RESOURCE, and start-up fails naming them.
/// </summary>
public sealed class DevelopmentAuthority : IAsyncDisposable
{
    private const string DefaultUrl = "http://localhost:5000";

    private TestAuthority? _authority;

    private DevelopmentAuthority(string resource) => Resource = resource;

    /// <summary>The resource URI the server protects: its own first http URL plus <c>/mcp</c>, unless configured.</summary>
    public string Resource { get; }

    private TestAuthority Authority => _authority ?? throw new InvalidOperationException("Call StartAsync after building the app and before it starts.");

    /// <summary>
    /// In dev mode, points the AuthPlane options at the authority that <see cref="StartAsync"/> starts; outside dev
    /// mode returns null and changes nothing.
    /// </summary>
    public static DevelopmentAuthority? CreateIfWanted(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var issuerConfigured = !string.IsNullOrEmpty(configuration["AuthPlane:Issuer"]) || !string.IsNullOrEmpty(configuration["AUTHPLANE_ISSUER"]);
        if (!builder.Environment.IsDevelopment() || issuerConfigured)
        {
            return null;
        }

        var resource = configuration["AuthPlane:Resource"] ?? configuration["AUTHPLANE_RESOURCE"] ?? FirstHttpUrl(configuration["urls"]) + "/mcp";
        var development = new DevelopmentAuthority(resource);
        builder.Services.PostConfigure<AuthPlaneOptions>(options =>
        {
            options.Issuer = development.Authority.Issuer;
            options.Resource = development.Resource;
            options.DevMode = true; // the embedded authority speaks http on loopback
        });
        return development;
    }

    /// <summary>Starts the embedded authority on a free loopback port.</summary>
    public async Task StartAsync() => _authority ??= await TestAuthority.StartAsync();

    /// <summary>Writes the MCP URL and two access tokens (all scopes, read only) for trying the server.</summary>
    public void PrintTokens(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Dev mode: tokens from an embedded test authority ({Authority.Issuer}), no login.");
        output.WriteLine($"MCP endpoint: {Resource}");
        output.WriteLine($"Access token ({CalendarTools.ReadScope} {CalendarTools.WriteScope}):");
        output.WriteLine(Authority.MintAccessToken(Resource, t => t.Scopes = [CalendarTools.ReadScope, CalendarTools.WriteScope]));
        output.WriteLine($"Read-only access token ({CalendarTools.ReadScope}):");
        output.WriteLine(Authority.MintAccessToken(Resource, t => t.Scopes = [CalendarTools.ReadScope]));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _authority?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static string FirstHttpUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? DefaultUrl;
        var uri = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
