using AuthPlane.Sdk.AspNetCore.Mcp;

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
        builder.WithRequestFilters(filters =>
        {
            filters.AddCallToolFilter(RequireScopeFilters.CallTool);
            filters.AddGetPromptFilter(RequireScopeFilters.GetPrompt);
            filters.AddReadResourceFilter(RequireScopeFilters.ReadResource);
            filters.AddListToolsFilter(RequireScopeFilters.ListTools);
        });

        // Registered after the scope filters, so a call without scope never reaches the consent translation.
        return builder.AddAuthPlaneConsentFilter();
    }
}
