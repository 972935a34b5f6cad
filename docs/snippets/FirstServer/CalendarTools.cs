// snippet: first-server-tools
using System.ComponentModel;
using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace MyServer;

[McpServerToolType]
public sealed class CalendarTools
{
    [McpServerTool, Description("Says who the verified access token belongs to.")]
    public static string WhoAmI(ClaimsPrincipal user) =>
        $"subject {user.GetAuthPlaneToken()?.Subject}, client {user.GetAuthPlaneToken()?.ClientId}";

    [McpServerTool, Description("Lists today's events."), RequireScope("calendar:read")]
    public static string[] ListEvents() => ["09:00 stand-up", "14:00 design review"];

    [McpServerTool, Description("Creates an event."), RequireScope("calendar:write")]
    public static string CreateEvent(string title, ClaimsPrincipal user) =>
        $"created '{title}' for {user.GetAuthPlaneToken()?.Subject}";
}
// end snippet
