using AuthPlane.Sdk.AspNetCore.Scopes;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Cors;

/// <summary>
/// Opt-in CORS for browser MCP clients on the MCP endpoint(s), evaluated by ASP.NET Core's <see cref="ICorsService"/>:
/// preflights are answered here, actual responses (including 401/403 challenges) carry the CORS headers, and the
/// AuthPlane and MCP headers are allowed and exposed.
/// </summary>
internal sealed class McpCorsMiddleware
{
    private static readonly string[] AllowedHeaders =
        ["Authorization", "DPoP", "Mcp-Session-Id", "Mcp-Protocol-Version", "Content-Type", "Last-Event-ID"];

    private static readonly string[] ExposedHeaders = ["WWW-Authenticate", "DPoP-Nonce", "Mcp-Session-Id"];

    private readonly RequestDelegate _next;
    private readonly ICorsService _cors;
    private readonly McpEndpointCatalog _catalog;
    private readonly CorsPolicy _policy;

    public McpCorsMiddleware(RequestDelegate next, ICorsService cors, McpEndpointCatalog catalog, IOptions<AuthPlaneAspNetCoreOptions> options)
    {
        _next = next;
        _cors = cors;
        _catalog = catalog;
        var builder = new CorsPolicyBuilder()
            .WithOrigins([.. options.Value.AllowedOrigins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        _policy = builder.Build();
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey("Origin") || !_catalog.IsMcpPath(context.Request.Path))
        {
            return _next(context);
        }

        var result = _cors.EvaluatePolicy(context, _policy);
        _cors.ApplyResult(result, context.Response);
        if (result.IsPreflightRequest)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
