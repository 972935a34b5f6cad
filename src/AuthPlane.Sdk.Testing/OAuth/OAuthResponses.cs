using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthPlane.Sdk.Testing.OAuth;

// Writes the JSON answers of the OAuth endpoints (never cached, RFC 6749 §5.1) and AuthPlane's error envelope.
internal static class OAuthResponses
{
    public const string ProblemJson = "application/problem+json";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static Task WriteJsonAsync(HttpContext context, JsonObject document, int status = StatusCodes.Status200OK, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return context.Response.WriteAsync(document.ToJsonString(Compact), context.RequestAborted);
    }

    // AuthPlane's envelope: the OAuth members, then RFC 9457 problem members, as application/problem+json.
    public static Task WriteErrorAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest)
        => WriteJsonAsync(context, Problem(error, description, status), status, ProblemJson);

    public static JsonObject Problem(string error, string description, int status) => new()
    {
        ["error"] = error,
        ["error_description"] = description,
        ["type"] = "https://docs.authplane.ai/errors/" + error,
        ["title"] = ReasonPhrases.GetReasonPhrase(status),
        ["detail"] = description,
        ["status"] = status,
    };

    // RFC 6749 §5.2: a failed client authentication is a 401 with a challenge for the scheme the client may use.
    public static Task WriteInvalidClientAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"authserver\"";
        return WriteErrorAsync(context, OAuthParameters.InvalidClient, "client authentication failed", StatusCodes.Status401Unauthorized);
    }
}
