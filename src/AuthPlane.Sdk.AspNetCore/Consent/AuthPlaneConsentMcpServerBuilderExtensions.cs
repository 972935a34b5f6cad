using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.AspNetCore.Consent;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the filters that turn AuthPlane consent errors into MCP URL elicitations.</summary>
public static class AuthPlaneConsentMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds request filters for <c>tools/call</c>, <c>prompts/get</c> and <c>resources/read</c> that catch a
    /// <c>AuthPlaneConsentRequiredException</c> escaping the handler (also wrapped in inner or aggregate exceptions),
    /// and an outgoing message filter that sends the client JSON-RPC error -32042 with one URL elicitation carrying the
    /// consent URL and description. Any other <c>AuthPlaneOAuthException</c> (a 5xx, <c>invalid_target</c>,
    /// <c>access_denied</c>, ...) stays a tool error whose text names AuthPlane's error code.
    /// </summary>
    /// <remarks>
    /// Consent is an expected answer, not a failure: the request filter ends the call normally with a placeholder
    /// result and leaves the elicitation on the request's context, and the outgoing filter replaces the response by
    /// the -32042 error. Nothing is thrown through the MCP SDK, so it logs no "unhandled exception" for it.
    /// </remarks>
    public static IMcpServerBuilder AddAuthPlaneConsentFilter(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithRequestFilters(filters =>
        {
            filters.AddCallToolFilter(static next => (context, cancellationToken) => ConsentTranslation.InvokeAsync(next, context, ConsentTranslation.CallToolPlaceholder, cancellationToken));
            filters.AddGetPromptFilter(static next => (context, cancellationToken) => ConsentTranslation.InvokeAsync(next, context, ConsentTranslation.GetPromptPlaceholder, cancellationToken));
            filters.AddReadResourceFilter(static next => (context, cancellationToken) => ConsentTranslation.InvokeAsync(next, context, ConsentTranslation.ReadResourcePlaceholder, cancellationToken));
        });
        return builder.AddAuthPlaneConsentResponseFilter();
    }

    /// <summary>The outgoing message filter that replaces the response of a consent-requiring call by error -32042.</summary>
    internal static IMcpServerBuilder AddAuthPlaneConsentResponseFilter(this IMcpServerBuilder builder) =>
        builder.WithMessageFilters(filters => filters.AddOutgoingFilter(ReplaceWithElicitation));

    // The response shares the request's context, so the elicitation left there by the request filter is found here.
    private static McpMessageHandler ReplaceWithElicitation(McpMessageHandler next) =>
        (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcResponse response
                && response.Context?.Items is { } items
                && items.TryGetValue(ConsentElicitation.ItemKey, out var value)
                && value is UrlElicitationRequiredException elicitation)
            {
                items.Remove(ConsentElicitation.ItemKey);
                context.JsonRpcMessage = new JsonRpcError
                {
                    Id = response.Id,
                    JsonRpc = response.JsonRpc,
                    Context = response.Context,
                    Error = new JsonRpcErrorDetail
                    {
                        Code = (int)elicitation.ErrorCode,
                        Message = elicitation.Message,
                        Data = new JsonObject
                        {
                            ["elicitations"] = JsonSerializer.SerializeToNode(
                                elicitation.Elicitations,
                                McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IReadOnlyList<ElicitRequestParams>))),
                        },
                    },
                };
            }

            return next(context, cancellationToken);
        };
}
