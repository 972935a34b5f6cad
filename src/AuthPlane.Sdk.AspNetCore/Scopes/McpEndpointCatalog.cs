using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Recognises the endpoints mapped by the MCP SDK's <c>MapMcp</c>: their request delegate belongs to the MCP
/// SDK's ASP.NET Core assembly. Nothing is configured by hand and no client header is consulted.
/// </summary>
internal sealed class McpEndpointCatalog(EndpointDataSource endpoints)
{
    private static readonly System.Reflection.Assembly McpAspNetCore = typeof(McpEndpointRouteBuilderExtensions).Assembly;
    private static readonly ConditionalWeakTable<Endpoint, object> Known = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    private TemplateMatcher[]? _matchers;

    /// <summary>True when <paramref name="endpoint"/> is an MCP endpoint.</summary>
    public static bool IsMcpEndpoint(Endpoint? endpoint) =>
        endpoint is not null && Known.GetValue(endpoint, static e => Classify(e) ? Yes : No) == Yes;

    /// <summary>True when <paramref name="path"/> is the route of an MCP endpoint (used for CORS preflights, which match no endpoint).</summary>
    public bool IsMcpPath(PathString path)
    {
        _matchers ??= BuildMatchers();
        var values = new RouteValueDictionary();
        foreach (var matcher in _matchers)
        {
            if (matcher.TryMatch(path, values))
            {
                return true;
            }

            values.Clear();
        }

        return false;
    }

    private static bool Classify(Endpoint endpoint) =>
        endpoint.RequestDelegate?.Target?.GetType().Assembly == McpAspNetCore
        || endpoint.RequestDelegate?.Method.DeclaringType?.Assembly == McpAspNetCore;

    private TemplateMatcher[] BuildMatchers()
    {
        var matchers = new List<TemplateMatcher>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint is RouteEndpoint route && Classify(endpoint) && seen.Add(route.RoutePattern.RawText ?? string.Empty))
            {
                matchers.Add(new TemplateMatcher(new RouteTemplate(route.RoutePattern), new RouteValueDictionary()));
            }
        }

        return [.. matchers];
    }
}
