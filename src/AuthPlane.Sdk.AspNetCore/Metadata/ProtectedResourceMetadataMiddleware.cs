using AuthPlane.Sdk.Metadata;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.AspNetCore.Metadata;

/// <summary>
/// Serves the RFC 9728 document at exactly its well-known paths (root and path-derived): GET and HEAD,
/// readable from any origin, OPTIONS preflight answered, cached publicly for an hour.
/// </summary>
internal sealed class ProtectedResourceMetadataMiddleware(RequestDelegate next, ProtectedResourceMetadataDocument metadata)
{
    private const string AllowedMethods = "GET, HEAD, OPTIONS";

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsWellKnownPath(context.Request.Path))
        {
            return next(context);
        }

        var request = context.Request;
        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowMethods = AllowedMethods;
            response.Headers.AccessControlAllowHeaders = "*";
            response.Headers.AccessControlMaxAge = "3600";
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = AllowedMethods;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "public, max-age=3600";
        response.ContentLength = metadata.Utf8Json.Length;
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(metadata.Utf8Json, context.RequestAborted).AsTask();
    }

    private bool IsWellKnownPath(PathString path)
    {
        var value = path.Value;
        if (value is null || !value.StartsWith(ProtectedResourceMetadataDocument.WellKnownPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var candidate in metadata.WellKnownPaths)
        {
            if (string.Equals(value, candidate, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
