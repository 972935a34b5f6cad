using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// When <see cref="AuthPlaneOptions.Scopes"/> is not configured, fills it with the union of the scopes the MCP server's
/// tools, prompts and resources declare with <see cref="RequireScopeAttribute"/> (first-seen order), so
/// <c>scopes_supported</c> and the no-credentials challenge name them without hand configuration.
/// </summary>
internal sealed class DeclaredScopesPostConfigure(IOptions<McpServerOptions> mcpOptions) : IPostConfigureOptions<AuthPlaneOptions>
{
    public void PostConfigure(string? name, AuthPlaneOptions options)
    {
        if (options.Scopes.Count > 0)
        {
            return;
        }

        var server = mcpOptions.Value;
        var scopes = new List<string>();
        foreach (var primitive in Primitives(server))
        {
            foreach (var scope in McpScopeRequirements.ForPrimitive(primitive))
            {
                if (!scopes.Contains(scope, StringComparer.Ordinal))
                {
                    scopes.Add(scope);
                }
            }
        }

        options.Scopes = scopes;
    }

    internal static IEnumerable<IMcpServerPrimitive> Primitives(McpServerOptions server) =>
        (server.ToolCollection?.Cast<IMcpServerPrimitive>() ?? [])
            .Concat(server.PromptCollection?.Cast<IMcpServerPrimitive>() ?? [])
            .Concat(server.ResourceCollection?.Cast<IMcpServerPrimitive>() ?? []);
}
