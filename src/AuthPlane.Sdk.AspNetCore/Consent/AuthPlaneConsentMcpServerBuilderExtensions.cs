using AuthPlane.Sdk.AspNetCore.Consent;
using AuthPlane.Sdk.Client;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the filter that turns AuthPlane consent errors into MCP URL elicitations.</summary>
public static class AuthPlaneConsentMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds request filters for <c>tools/call</c>, <c>prompts/get</c> and <c>resources/read</c> that catch a
    /// <c>ConsentRequiredException</c> escaping the handler (also wrapped in inner or aggregate exceptions) and throw
    /// the MCP SDK's <c>UrlElicitationRequiredException</c> instead, so the client receives JSON-RPC error -32042
    /// with one URL elicitation carrying the consent URL and description. Any other <c>AuthPlaneOAuthException</c>
    /// (a 5xx, <c>invalid_target</c>, <c>access_denied</c>, ...) stays a tool error whose text names AuthPlane's error code.
    /// </summary>
    public static IMcpServerBuilder AddAuthPlaneConsentFilter(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithRequestFilters(filters =>
        {
            filters.AddCallToolFilter(Translate);
            filters.AddGetPromptFilter(Translate);
            filters.AddReadResourceFilter(Translate);
        });
    }

    private static McpRequestHandler<TParams, TResult> Translate<TParams, TResult>(McpRequestHandler<TParams, TResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ConsentElicitation.Find(ex) is { } consent)
            {
                throw ConsentElicitation.ToUrlElicitation(consent);
            }
            catch (AuthPlaneOAuthException ex)
            {
                // Any other AuthPlane answer stays an ordinary tool error, but one that says what AuthPlane said:
                // the MCP SDK shows an McpException's message, and only a generic text for other exceptions.
                throw new McpException(ConsentElicitation.DescribeFailure(ex), ex);
            }
        };
}
