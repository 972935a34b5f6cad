using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// CORS for browser-based clients (MCP Inspector, web apps): metadata, JWKS, registration, token and revocation answer
// any origin and their preflights. No credentials are involved (no cookies on these endpoints), so "*" is safe.
public sealed partial class TestAuthority
{
    private Task AnswerCorsAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsCorsEndpoint(context.Request.Path))
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "DPoP-Nonce, WWW-Authenticate";
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return next(context);
        }

        headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        headers.AccessControlAllowHeaders = "Authorization, Content-Type, DPoP, MCP-Protocol-Version";
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private bool IsCorsEndpoint(PathString path)
    {
        var prefix = PathPrefix;
        return path.Equals("/.well-known/oauth-authorization-server" + prefix, StringComparison.Ordinal)
            || path.Equals(prefix + "/.well-known/openid-configuration", StringComparison.Ordinal)
            || path.StartsWithSegments(prefix + JwksPath, StringComparison.Ordinal)
            || path.Equals(prefix + "/oauth/register", StringComparison.Ordinal)
            || path.Equals(prefix + "/oauth/token", StringComparison.Ordinal)
            || path.Equals(prefix + "/oauth/revoke", StringComparison.Ordinal);
    }
}
