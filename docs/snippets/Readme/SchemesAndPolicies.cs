using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "Authentication scheme, events and claims" and "Scopes as policies".</summary>
public static class SchemesAndPolicies
{
    /// <summary>AuthPlane on /mcp beside JwtBearer on /api.</summary>
    public static void BesideJwtBearer(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMcpServer().WithHttpTransport().WithAuthPlane().WithTools<CalendarTools>();
        // snippet: scheme-beside-jwtbearer
        builder.Services.ConfigureAuthPlane(builder.Configuration);          // issuer, resource, DPoP, ... (shared)
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => o.Authority = "https://login.example.com")  // your REST API's tokens
            .AddAuthPlane("mcp", o =>
            {
                o.MapAllClaims = true;                                         // default
                o.Events.OnTokenValidated = ctx =>
                {
                    // add claims, replace ctx.Principal, or reject with ctx.Fail("…")
                    ctx.Principal?.AddIdentity(new ClaimsIdentity([new Claim("tenant", "contoso")]));
                    return Task.CompletedTask;
                };
            });

        var app = builder.Build();
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization(p => p.AddAuthenticationSchemes("mcp").RequireAuthenticatedUser());
        app.MapGet("/api/orders", () => "orders").RequireAuthorization();   // JwtBearer, the default scheme
        // end snippet
        app.Run();
    }

    /// <summary>Scopes on minimal-API endpoints.</summary>
    public static void ScopesAsPolicies(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthPlane(builder.Configuration);
        // snippet: scopes-as-policies
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("writers", p => p.RequireScope("calendar:write"));                 // policy builder
        var app = builder.Build();
        app.UseAuthPlane();
        app.MapGet("/calendar", () => "events").RequireScope("calendar:read");           // endpoint convention
        app.MapPost("/calendar", () => "created").RequireAuthorization("writers");
        // end snippet
        app.Run();
    }
}
