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
/// Static methods rather than closures: the MCP SDK's stateless transport builds every filter pipeline per request,
/// so the filters that call these allocate one delegate each and nothing more unless the handler awaits.
/// </remarks>
internal static class ConsentTranslation
{
    public static ValueTask<CallToolResult> CallToolAsync(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next, RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken) =>
        InvokeAsync(next, context, static () => new CallToolResult { Content = [], IsError = true }, cancellationToken);

    public static ValueTask<GetPromptResult> GetPromptAsync(
        McpRequestHandler<GetPromptRequestParams, GetPromptResult> next, RequestContext<GetPromptRequestParams> context, CancellationToken cancellationToken) =>
        InvokeAsync(next, context, static () => new GetPromptResult { Messages = [] }, cancellationToken);

    public static ValueTask<ReadResourceResult> ReadResourceAsync(
        McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next, RequestContext<ReadResourceRequestParams> context, CancellationToken cancellationToken) =>
        InvokeAsync(next, context, static () => new ReadResourceResult { Contents = [] }, cancellationToken);

    private static async ValueTask<TResult> InvokeAsync<TParams, TResult>(
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
