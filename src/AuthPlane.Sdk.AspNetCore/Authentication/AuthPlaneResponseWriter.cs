using System.Globalization;
using AuthPlane.Sdk.Challenges;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>Writes an <see cref="AuthPlaneErrorResponse"/> to an ASP.NET Core response.</summary>
internal static class AuthPlaneResponseWriter
{
    public const string DPoPNonceHeader = "DPoP-Nonce";

    public static Task WriteAsync(HttpResponse response, AuthPlaneErrorResponse error)
    {
        response.StatusCode = error.StatusCode;
        if (error.Challenges.Count > 0)
        {
            // One challenge per header line (Bearer first), as RFC 9110 §11.6.1 allows.
            response.Headers.WWWAuthenticate = error.Challenges.Count == 1
                ? error.Challenges[0]
                : error.Challenges.ToArray();
        }

        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        response.Headers.CacheControl = "no-store";
        response.ContentType = AuthPlaneErrorResponse.ContentType;
        response.ContentLength = error.Body.Length;
        return HttpMethods.IsHead(response.HttpContext.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(error.Body, response.HttpContext.RequestAborted).AsTask();
    }

    public static void AddNonceHeader(HttpResponse response, string nonce) =>
        response.OnStarting(static state =>
        {
            var (r, n) = ((HttpResponse, string))state;
            r.Headers[DPoPNonceHeader] = n;
            return Task.CompletedTask;
        }, (response, nonce));
}
