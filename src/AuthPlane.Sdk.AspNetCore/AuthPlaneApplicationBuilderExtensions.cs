using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Cors;
using AuthPlane.Sdk.AspNetCore.Metadata;
using AuthPlane.Sdk.AspNetCore.Scopes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the AuthPlane middleware to the request pipeline.</summary>
public static class AuthPlaneApplicationBuilderExtensions
{
    /// <summary>
    /// Adds, in order: the RFC 9728 metadata endpoint, CORS for browser MCP clients (only when
    /// <see cref="AuthPlaneAspNetCoreOptions.AllowedOrigins"/> is set), authentication, authorization and the
    /// <c>[RequireScope]</c> gate. Call it before <c>MapMcp(...)</c>.
    /// </summary>
    public static IApplicationBuilder UseAuthPlane(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ProtectedResourceMetadataMiddleware>();
        if (app.ApplicationServices.GetRequiredService<IOptions<AuthPlaneAspNetCoreOptions>>().Value.AllowedOrigins.Count > 0)
        {
            // Before authentication, so preflights are answered and challenges carry the CORS headers.
            app.UseMiddleware<McpCorsMiddleware>();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ScopeGateMiddleware>();
        app.Properties[McpWiringCheck.ScopeGateProperty] = true;
        return app;
    }
}
