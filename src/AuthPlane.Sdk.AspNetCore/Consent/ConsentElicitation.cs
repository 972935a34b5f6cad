using AuthPlane.Sdk.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AuthPlane.Sdk.AspNetCore.Consent;

/// <summary>
/// Finds a <see cref="AuthPlaneConsentRequiredException"/> in an exception tree and turns it into the MCP URL-mode
/// elicitation error (JSON-RPC -32042) that sends the user to the consent URL.
/// </summary>
internal static class ConsentElicitation
{
    /// <summary>The request-context item that carries a pending elicitation from the request filter to the outgoing filter.</summary>
    public const string ItemKey = "authplane.consent_elicitation";

    /// <summary>The log category of consent elicitations.</summary>
    public const string LogCategory = "AuthPlane.Sdk.AspNetCore.Consent";

    private const int MaxDepth = 16;

    /// <summary>The consent exception <paramref name="exception"/> is or wraps (inner exceptions, aggregates), or null.</summary>
    public static AuthPlaneConsentRequiredException? Find(Exception? exception, int depth = 0)
    {
        if (exception is null || depth > MaxDepth)
        {
            return null;
        }

        if (exception is AuthPlaneConsentRequiredException consent)
        {
            return consent;
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                if (Find(inner, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        return Find(exception.InnerException, depth + 1);
    }

    /// <summary>The MCP SDK exception that the client receives as JSON-RPC error -32042.</summary>
    public static UrlElicitationRequiredException ToUrlElicitation(AuthPlaneConsentRequiredException consent) =>
        new(consent.Description,
        [
            new ElicitRequestParams
            {
                Mode = "url",
                ElicitationId = Guid.NewGuid().ToString(),
                Url = consent.ConsentUrl.AbsoluteUri,
                Message = consent.Description,
            },
        ]);

    /// <summary>The tool-error text for an AuthPlane answer that is not consent: the OAuth error code and description.</summary>
    public static string DescribeFailure(AuthPlaneOAuthException failure) =>
        failure.ErrorDescription is { Length: > 0 } description
            ? $"AuthPlane answered {failure.Error}: {description}"
            : $"AuthPlane answered {failure.Error}";
}
