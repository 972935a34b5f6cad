using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Mcp;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs AuthPlane into the MCP C# SDK server.</summary>
public static class AuthPlaneMcpServerBuilderExtensions
{
    /// <summary>
    /// Registers the AuthPlane MCP request filters: <c>[RequireScope]</c> enforcement for tools, prompts and
    /// resources (defence in depth behind the HTTP scope gate of <c>UseAuthPlane()</c>), the optional
    /// hiding of unscoped tools from <c>tools/list</c>, and the translation of AuthPlane's <c>consent_required</c>
    /// into JSON-RPC error -32042 (URL elicitation).
    /// </summary>
    public static IMcpServerBuilder WithAuthPlane(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Each filter checks the scopes first, so a call without scope never reaches the consent translation.
        builder.WithRequestFilters(filters =>
        {
            filters.AddCallToolFilter(RequireScopeFilters.CallTool);
            filters.AddGetPromptFilter(RequireScopeFilters.GetPrompt);
            filters.AddReadResourceFilter(RequireScopeFilters.ReadResource);
        });

        // Only when asked for: the stateless transport builds every filter pipeline per request.
        builder.Services.AddOptions<McpServerOptions>().Configure<IOptions<AuthPlaneAspNetCoreOptions>>(static (mcp, authPlane) =>
        {
            if (authPlane.Value.HideToolsWithoutScope)
            {
                mcp.Filters.Request.ListToolsFilters.Add(RequireScopeFilters.ListTools);
            }
        });
        return builder.AddAuthPlaneConsentResponseFilter();
    }
}
