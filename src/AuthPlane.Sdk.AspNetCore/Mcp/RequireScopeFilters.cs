using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore.Scopes;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Mcp;

/// <summary>
/// MCP request filters enforcing <see cref="RequireScopeAttribute"/> inside the MCP SDK (defence in depth
/// behind the HTTP scope gate): a call without the scopes fails with a JSON-RPC error, and <c>tools/list</c>
/// optionally hides tools the caller cannot call.
/// </summary>
internal static class RequireScopeFilters
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        (context, cancellationToken) =>
        {
            var primitive = context.MatchedPrimitive
                ?? (context.Params?.Name is { } name && context.Server.ServerOptions.ToolCollection is { } tools && tools.TryGetPrimitive(name, out var tool) ? tool : null);
            Enforce(context.User, McpScopeRequirements.ForPrimitive(primitive));
            return next(context, cancellationToken);
        };

    public static McpRequestHandler<GetPromptRequestParams, GetPromptResult> GetPrompt(McpRequestHandler<GetPromptRequestParams, GetPromptResult> next) =>
        (context, cancellationToken) =>
        {
            var scopes = context.MatchedPrimitive is { } primitive
                ? McpScopeRequirements.ForPrimitive(primitive)
                : McpScopeRequirements.ForTarget(context.Server.ServerOptions, McpScopeRequirements.PromptsGet, context.Params?.Name ?? string.Empty);
            Enforce(context.User, scopes);
            return next(context, cancellationToken);
        };

    public static McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> ReadResource(McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next) =>
        (context, cancellationToken) =>
        {
            var scopes = context.MatchedPrimitive is { } primitive
                ? McpScopeRequirements.ForPrimitive(primitive)
                : McpScopeRequirements.ForTarget(context.Server.ServerOptions, McpScopeRequirements.ResourcesRead, context.Params?.Uri ?? string.Empty);
            Enforce(context.User, scopes);
            return next(context, cancellationToken);
        };

    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> ListTools(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken).ConfigureAwait(false);
            var options = context.Services?.GetService<IOptions<AuthPlaneAspNetCoreOptions>>()?.Value;
            if (options is { HideToolsWithoutScope: true })
            {
                var token = context.User.GetAuthPlaneToken();
                var serverOptions = context.Server.ServerOptions;
                var visible = result.Tools.Where(tool =>
                {
                    var required = McpScopeRequirements.ForTool(serverOptions, tool.Name);
                    return required.Count == 0 || (token is not null && token.HasScopes(required));
                }).ToList();
                result.Tools = visible;
            }

            return result;
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
