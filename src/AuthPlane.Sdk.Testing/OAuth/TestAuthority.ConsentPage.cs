using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// The dev consent page behind consent_url: GET shows what would be granted, POST grants it. The dev authority has no
// login, so the user, resource and scopes come from the link's MAC-protected state: a development convenience that
// lets whoever holds the link consent on the user's behalf, not a real authorization flow.
public sealed partial class TestAuthority
{
    private async Task ShowConsentPageAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (await ReadConsentLinkAsync(context, query["state"], query["resource"]).ConfigureAwait(false) is not { } link)
        {
            return;
        }

        var returnUrl = query.TryGetValue("return_url", out var value) ? value.ToString() : null;
        await WriteHtmlAsync(context, StatusCodes.Status200OK, ConsentPageHtml.Form(link.Upstream.DisplayName, link.Subject, link.Scopes, query["state"].ToString(), returnUrl)).ConfigureAwait(false);
    }

    private async Task AcceptConsentAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Invalid request", "The consent form was not submitted.")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (await ReadConsentLinkAsync(context, form["state"], context.Request.Query["resource"]).ConfigureAwait(false) is not { } link)
        {
            return;
        }

        GrantConsent(link.Subject, link.Upstream.Resource, [.. link.Scopes]);
        var returnUrl = form["return_url"].ToString();
        if (ReturnUrl.IsSafe(returnUrl))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = returnUrl;
            return;
        }

        await WriteHtmlAsync(context, StatusCodes.Status200OK, ConsentPageHtml.Message("Consent granted", $"Access to {link.Upstream.DisplayName} is authorized. Return to your client and try again.")).ConfigureAwait(false);
    }

    // The user, upstream and scopes of an authentic, unexpired link whose path name and resource match its state;
    // otherwise answers with an error page and returns null.
    private async Task<(string Subject, UpstreamResource Upstream, List<string> Scopes)?> ReadConsentLinkAsync(HttpContext context, string? state, string? resource)
    {
        // The server decodes the path except an encoded slash, which a display name may contain.
        var name = (context.Request.RouteValues["name"] as string)?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (_consentState.Unprotect(state, _options.TimeProvider.GetUtcNow()) is not { } content
            || FindUpstream(content.Resource) is not { } upstream
            || upstream.DisplayName != name
            || (!string.IsNullOrEmpty(resource) && resource != upstream.Resource))
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Invalid consent link", "This consent link is invalid or has expired. Call the tool again to get a new one.")).ConfigureAwait(false);
            return null;
        }

        return (content.Subject, upstream, content.Scopes);
    }

    private static Task WriteHtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.XFrameOptions = "DENY";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
