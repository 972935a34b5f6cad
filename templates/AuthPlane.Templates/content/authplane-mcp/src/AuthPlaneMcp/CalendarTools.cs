using System.ComponentModel;
using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace AuthPlaneMcp;

/// <summary>The server's tools; each <see cref="RequireScopeAttribute"/> names the scopes a caller's token needs.</summary>
[McpServerToolType]
public sealed class CalendarTools
{
    /// <summary>The scope that reading the calendar needs.</summary>
    public const string ReadScope = "calendar:read";

    /// <summary>The scope that changing the calendar needs.</summary>
    public const string WriteScope = "calendar:write";

    /// <summary>Says who the verified access token belongs to.</summary>
    [McpServerTool, Description("Says who the verified access token belongs to.")]
    public static string WhoAmI(ClaimsPrincipal user)
    {
        var token = user.GetAuthPlaneToken();
        return $"subject {token?.Subject}, client {token?.ClientId}";
    }

    /// <summary>Lists today's events.</summary>
    [McpServerTool, Description("Lists today's events."), RequireScope(ReadScope)]
    public static string[] ListEvents() => ["09:00 stand-up", "14:00 design review"];

    /// <summary>Creates an event.</summary>
    [McpServerTool, Description("Creates an event."), RequireScope(WriteScope)]
    public static string CreateEvent(string title, ClaimsPrincipal user) =>
        $"created '{title}' for {user.GetAuthPlaneToken()?.Subject}";
}
