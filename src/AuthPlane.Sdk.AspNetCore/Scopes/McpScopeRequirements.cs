using System.Runtime.CompilerServices;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Finds the scopes <see cref="RequireScopeAttribute"/> demands of a registered MCP tool, prompt or resource
/// (attributes of the method and its declaring class, as the MCP SDK exposes them in <c>Metadata</c>).
/// </summary>
internal static class McpScopeRequirements
{
    private static readonly ConditionalWeakTable<object, string[]> Cache = new();

    public const string ToolsCall = "tools/call";
    public const string PromptsGet = "prompts/get";
    public const string ResourcesRead = "resources/read";

    /// <summary>The scopes required by the target of <paramref name="method"/>; empty when the target is unknown or unscoped.</summary>
    public static IReadOnlyList<string> ForTarget(McpServerOptions options, string method, string target) => method switch
    {
        ToolsCall => ForTool(options, target),
        PromptsGet => options.PromptCollection is { } prompts && prompts.TryGetPrimitive(target, out var prompt)
            ? Of(prompt, prompt.Metadata)
            : [],
        ResourcesRead => ForResource(options, target),
        _ => [],
    };

    public static IReadOnlyList<string> ForTool(McpServerOptions options, string name) =>
        options.ToolCollection is { } tools && tools.TryGetPrimitive(name, out var tool) ? Of(tool, tool.Metadata) : [];

    public static IReadOnlyList<string> ForPrimitive(IMcpServerPrimitive? primitive) => primitive switch
    {
        McpServerTool tool => Of(tool, tool.Metadata),
        McpServerPrompt prompt => Of(prompt, prompt.Metadata),
        McpServerResource resource => Of(resource, resource.Metadata),
        _ => [],
    };

    private static string[] ForResource(McpServerOptions options, string uri)
    {
        if (options.ResourceCollection is not { } resources)
        {
            return [];
        }

        if (resources.TryGetPrimitive(uri, out var direct))
        {
            return Of(direct, direct.Metadata);
        }

        foreach (var resource in resources)
        {
            if (resource.IsTemplated && resource.IsMatch(uri))
            {
                return Of(resource, resource.Metadata);
            }
        }

        return [];
    }

    private static string[] Of(object primitive, IReadOnlyList<object> metadata) =>
        Cache.GetValue(primitive, _ => Collect(metadata));

    private static string[] Collect(IReadOnlyList<object> metadata)
    {
        List<string>? scopes = null;
        foreach (var item in metadata)
        {
            if (item is RequireScopeAttribute attribute)
            {
                scopes ??= [];
                foreach (var scope in attribute.Scopes)
                {
                    if (!scopes.Contains(scope, StringComparer.Ordinal))
                    {
                        scopes.Add(scope);
                    }
                }
            }
        }

        return scopes?.ToArray() ?? [];
    }
}
