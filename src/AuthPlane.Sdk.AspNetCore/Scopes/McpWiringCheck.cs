using AuthPlane.Sdk.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Fails start-up on wiring that would leave MCP tools open, once the app's endpoints are known: an MCP endpoint
/// mapped without authorization while AuthPlane is configured (unless <see cref="AuthPlaneAspNetCoreOptions.AllowAnonymousMcp"/>
/// says the server is deliberately public), and a scope gate (<c>UseAuthPlane()</c>) that recognises no MCP endpoint.
/// </summary>
internal sealed class McpWiringCheck : IStartupFilter
{
    /// <summary>The application-builder property <c>UseAuthPlane()</c> sets.</summary>
    public const string ScopeGateProperty = "AuthPlane.ScopeGate";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        Check(app);
    };

    private static void Check(IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        var mcp = endpoints.Where(McpEndpointCatalog.IsMcpEndpoint).ToList();
        if (mcp.Count == 0)
        {
            if (app.Properties.ContainsKey(ScopeGateProperty))
            {
                throw new InvalidOperationException(
                    "AuthPlane: UseAuthPlane() is in the pipeline but no MCP endpoint was found, so [RequireScope] would not be enforced over HTTP. "
                    + "Map the MCP server with app.MapMcp(\"/mcp\").RequireAuthorization() (MapMcp of ModelContextProtocol.AspNetCore), "
                    + "or use app.UseAuthentication()/app.UseAuthorization() instead of UseAuthPlane() in an app without MCP.");
            }

            return;
        }

        if (services.GetRequiredService<IOptions<AuthPlaneAspNetCoreOptions>>().Value.AllowAnonymousMcp
            || services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy is not null)
        {
            return;
        }

        var open = mcp.FirstOrDefault(endpoint => !RequiresAuthorization(endpoint));
        if (open is not null)
        {
            var route = (open as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') ?? open.DisplayName ?? "(unnamed)";
            throw new InvalidOperationException(
                $"AuthPlane: the MCP endpoint '{route}' is mapped without authorization, so anonymous callers could list and call tools "
                + $"and would never be challenged to find the authorization server. Map it with app.MapMcp(\"{route}\").RequireAuthorization(), "
                + "or, for a deliberately public MCP server, set AuthPlane:AllowAnonymousMcp=true "
                + "(services.ConfigureAuthPlaneAspNetCore(o => o.AllowAnonymousMcp = true)).");
        }
    }

    private static bool RequiresAuthorization(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null);
}
