using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Consent;

/// <summary>
/// Runs an MCP handler and turns a <see cref="AuthPlaneConsentRequiredException"/> escaping it into a URL elicitation
/// left on the request's context (sent as error -32042 by the outgoing filter), and any other AuthPlane failure into
/// an <see cref="McpException"/> that names AuthPlane's error code.
/// </summary>
/// <remarks>
/// A static method rather than a closure: the MCP SDK's stateless transport builds every filter pipeline per request,
/// so a filter that calls it allocates one delegate and nothing more unless the handler awaits.
/// </remarks>
internal static class ConsentTranslation
{
    /// <summary>The result a <c>tools/call</c> ends with when consent is needed (replaced by error -32042 on its way out).</summary>
    public static readonly Func<CallToolResult> CallToolPlaceholder = static () => new CallToolResult { Content = [], IsError = true };

    /// <summary>The result a <c>prompts/get</c> ends with when consent is needed.</summary>
    public static readonly Func<GetPromptResult> GetPromptPlaceholder = static () => new GetPromptResult { Messages = [] };

    /// <summary>The result a <c>resources/read</c> ends with when consent is needed.</summary>
    public static readonly Func<ReadResourceResult> ReadResourcePlaceholder = static () => new ReadResourceResult { Contents = [] };

    public static async ValueTask<TResult> InvokeAsync<TParams, TResult>(
        McpRequestHandler<TParams, TResult> next, RequestContext<TParams> context, Func<TResult> placeholder, CancellationToken cancellationToken)
    {
        try
        {
            return await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ConsentElicitation.Find(ex) is { } consent)
        {
            context.Items[ConsentElicitation.ItemKey] = ConsentElicitation.ToUrlElicitation(consent);
            context.Services?.GetService<AuthPlaneMetrics>()?.RecordConsentElicitation();
            if (context.Services?.GetService<ILoggerFactory>() is { } loggers)
            {
                var clientId = context.User.GetAuthPlaneToken()?.ClientId ?? "unknown";
                var description = consent.Description;
                var logger = loggers.CreateLogger(ConsentElicitation.LogCategory);
                AuthPlaneLog.ConsentElicited(logger, clientId, description);
            }

            return placeholder();
        }
        catch (AuthPlaneOAuthException ex)
        {
            // Any other AuthPlane answer stays an ordinary tool error, but one that says what AuthPlane said:
            // the MCP SDK shows an McpException's message, and only a generic text for other exceptions.
            throw new McpException(ConsentElicitation.DescribeFailure(ex), ex);
        }
    }
}
