using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing.OAuth;

// Writes the JSON answers of the token, introspection and revocation endpoints (never cached, RFC 6749 §5.1).
internal static class OAuthResponses
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static Task WriteJsonAsync(HttpContext context, JsonObject document, int status = StatusCodes.Status200OK, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return context.Response.WriteAsync(document.ToJsonString(Compact), context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest)
        => WriteJsonAsync(context, new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    // RFC 6749 §5.2: a failed client authentication is a 401 with a challenge for the scheme the client may use.
    public static Task WriteInvalidClientAsync(HttpContext context, string realm)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"" + realm + "\"";
        return WriteErrorAsync(context, OAuthParameters.InvalidClient, "Client authentication failed", StatusCodes.Status401Unauthorized);
    }
}
