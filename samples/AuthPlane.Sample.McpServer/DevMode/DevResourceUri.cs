using System.Globalization;

namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// Derives the dev-mode resource URI (<c>http://host:port/mcp</c>) from the server URLs the app is configured to
/// listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, the <c>urls</c> setting, or <c>ASPNETCORE_HTTP_PORTS</c>),
/// so the printed tokens name exactly the address a local client will call.
/// </summary>
public static class DevResourceUri
{
    /// <summary>Kestrel's address when nothing is configured.</summary>
    public const string DefaultServerUrl = "http://localhost:5000";

    /// <summary>
    /// The resource URI for <paramref name="urls"/> (semicolon-separated, as Kestrel reads them) or, when no URLs are
    /// configured, the first of <paramref name="httpPorts"/>. The first <c>http</c> URL wins (else the first URL);
    /// wildcard hosts (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) become <c>localhost</c>; the default port is
    /// left out; any path is ignored (Kestrel listens at the root).
    /// </summary>
    public static string FromServerUrls(string? urls, string? httpPorts = null)
    {
        var candidates = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = candidates.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault();
        if (chosen is null)
        {
            var port = (httpPorts ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            chosen = port is null ? DefaultServerUrl : "http://localhost:" + port;
        }

        return Origin(chosen) + SampleServer.McpPath;
    }

    // Hand-parsed rather than with System.Uri: Kestrel's wildcard hosts "+" and "*" are not valid URI hosts.
    private static string Origin(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new FormatException($"The server URL '{url}' is not absolute; use e.g. {DefaultServerUrl}.");
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw new FormatException($"The server URL '{url}' must use http or https.");
        }

        var rest = url[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];

        // The port follows the last ':' unless that colon is inside an IPv6 literal ("[::1]").
        var portSeparator = authority.LastIndexOf(':');
        var host = authority;
        string? port = null;
        if (portSeparator >= 0 && portSeparator > authority.LastIndexOf(']'))
        {
            host = authority[..portSeparator];
            port = authority[(portSeparator + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                throw new FormatException($"The server URL '{url}' needs a port from 1 to 65535 for dev mode to know its own address.");
            }
        }

        if (host.Length == 0)
        {
            throw new FormatException($"The server URL '{url}' has no host.");
        }

        host = host.ToLowerInvariant();
        if (host is "+" or "*" or "0.0.0.0" or "[::]")
        {
            host = "localhost";
        }

        var defaultPort = scheme == "http" ? "80" : "443";
        return port is null || port == defaultPort ? $"{scheme}://{host}" : $"{scheme}://{host}:{port}";
    }
}
