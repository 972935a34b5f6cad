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

    private readonly TestAuthority _authority;

    private DevelopmentAuthority(TestAuthority authority, string resource)
    {
        _authority = authority;
        Resource = resource;
    }

    /// <summary>The resource URI the server protects: its own first http URL plus <c>/mcp</c>.</summary>
    public string Resource { get; }

    /// <summary>Starts the authority and points the AuthPlane settings at it, or returns null outside dev mode.</summary>
    public static async Task<DevelopmentAuthority?> StartIfWantedAsync(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var issuerConfigured = !string.IsNullOrEmpty(configuration["AuthPlane:Issuer"]) || !string.IsNullOrEmpty(configuration["AUTHPLANE_ISSUER"]);
        if (!builder.Environment.IsDevelopment() || issuerConfigured)
        {
            return null;
        }

        var resource = configuration["AuthPlane:Resource"] ?? configuration["AUTHPLANE_RESOURCE"] ?? FirstHttpUrl(configuration["urls"]) + "/mcp";
        var authority = await TestAuthority.StartAsync();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuthPlane:Issuer"] = authority.Issuer,
            ["AuthPlane:Resource"] = resource,
            ["AuthPlane:DevMode"] = "true",
        });
        return new DevelopmentAuthority(authority, resource);
    }

    /// <summary>Writes the MCP URL and two access tokens (all scopes, read only) for trying the server.</summary>
    public void PrintTokens(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Dev mode: tokens from an embedded test authority ({_authority.Issuer}), no login.");
        output.WriteLine($"MCP endpoint: {Resource}");
        output.WriteLine($"Access token ({CalendarTools.ReadScope} {CalendarTools.WriteScope}):");
        output.WriteLine(_authority.MintAccessToken(Resource, t => t.Scopes = [CalendarTools.ReadScope, CalendarTools.WriteScope]));
        output.WriteLine($"Read-only access token ({CalendarTools.ReadScope}):");
        output.WriteLine(_authority.MintAccessToken(Resource, t => t.Scopes = [CalendarTools.ReadScope]));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _authority.DisposeAsync();

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
