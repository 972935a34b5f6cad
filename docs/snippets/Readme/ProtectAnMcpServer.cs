using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "Protect an MCP server": the two-line set-up.</summary>
public static class ProtectAnMcpServer
{
    /// <summary>The set-up as the README shows it.</summary>
    public static void Run(string[] args)
    {
        // snippet: protect-program
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMcpServer().WithHttpTransport().WithAuthPlane().WithTools<CalendarTools>();
        builder.Services.AddAuthPlane(builder.Configuration);   // or AddAuthPlane(o => { o.Issuer = …; o.Resource = …; })

        var app = builder.Build();
        app.UseAuthPlane();                                      // PRM endpoint, (CORS), authentication, authorization, scope gate
        app.MapMcp("/mcp").RequireAuthorization();
        app.Run();
        // end snippet
    }
}

// snippet: protect-tools
[McpServerToolType, RequireScope("calendar:read")]        // on the class: every tool needs it
public sealed class CalendarTools
{
    [McpServerTool, RequireScope("calendar:write")]       // on the method: combined with the class
    public string CreateEvent(string title, ClaimsPrincipal user) =>
        $"created for {user.GetAuthPlaneToken()!.Subject}";
}
// end snippet
