using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore.Scopes;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.AspNetCore.Consent;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Mcp;

/// <summary>
/// MCP request filters enforcing <see cref="RequireScopeAttribute"/> inside the MCP SDK (defence in depth
/// behind the HTTP scope gate) and translating AuthPlane's consent errors: a call without the scopes fails with a
/// JSON-RPC error, and <c>tools/list</c> optionally hides tools the caller cannot call.
/// </summary>
internal static class RequireScopeFilters
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        Gate(next, static context => McpScopeRequirements.ForTool(context.Server.ServerOptions, context.Params?.Name ?? string.Empty), ConsentTranslation.CallToolPlaceholder);

    public static McpRequestHandler<GetPromptRequestParams, GetPromptResult> GetPrompt(McpRequestHandler<GetPromptRequestParams, GetPromptResult> next) =>
        Gate(next, static context => McpScopeRequirements.ForTarget(context.Server.ServerOptions, McpScopeRequirements.PromptsGet, context.Params?.Name ?? string.Empty), ConsentTranslation.GetPromptPlaceholder);

    public static McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> ReadResource(McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next) =>
        Gate(next, static context => McpScopeRequirements.ForTarget(context.Server.ServerOptions, McpScopeRequirements.ResourcesRead, context.Params?.Uri ?? string.Empty), ConsentTranslation.ReadResourcePlaceholder);

    /// <summary>Hides from <c>tools/list</c> the tools the caller's token cannot call (registered only when <see cref="AuthPlaneAspNetCoreOptions.HideToolsWithoutScope"/> is set).</summary>
    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> ListTools(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken).ConfigureAwait(false);
            var token = context.User.GetAuthPlaneToken();
            var serverOptions = context.Server.ServerOptions;
            result.Tools = result.Tools.Where(tool =>
            {
                var required = McpScopeRequirements.ForTool(serverOptions, tool.Name);
                return required.Count == 0 || (token is not null && token.HasScopes(required));
            }).ToList();
            return result;
        };

    // The scopes of the primitive the MCP SDK matched, or else of the target the request names; then the handler through
    // the consent translation. One delegate per kind and request (the stateless transport builds the pipelines per
    // request), not one for the scope check and another for the translation.
    private static McpRequestHandler<TParams, TResult> Gate<TParams, TResult>(
        McpRequestHandler<TParams, TResult> next, Func<RequestContext<TParams>, IReadOnlyList<string>> targetScopes, Func<TResult> placeholder) =>
        (context, cancellationToken) =>
        {
            Enforce(context.User, context.MatchedPrimitive is { } primitive ? McpScopeRequirements.ForPrimitive(primitive) : targetScopes(context));
            return ConsentTranslation.InvokeAsync(next, context, placeholder, cancellationToken);
        };

    private static void Enforce(ClaimsPrincipal? user, IReadOnlyList<string> required)
    {
        if (required.Count == 0)
        {
            return;
        }

        var token = user.GetAuthPlaneToken();
        if (token is null || !token.HasScopes(required))
        {
            throw new McpProtocolException(
                "insufficient_scope: this request requires the scope(s) " + string.Join(' ', required),
                McpErrorCode.InvalidRequest);
        }
    }
}
