using System.ComponentModel;
using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.Tests.AspNetCore;

[McpServerToolType]
public sealed class CalendarTools
{
    [McpServerTool(Name = "public_echo"), Description("Echoes text; needs no scope.")]
    public static string Echo(string text) => text;

    [McpServerTool(Name = "whoami"), Description("Returns the caller's sub and client id from the verified token.")]
    public static string WhoAmI(ClaimsPrincipal? user) =>
        user.GetAuthPlaneToken() is { } token ? $"{token.Subject}|{token.ClientId}" : "anonymous";

    [McpServerTool(Name = "read_calendar"), RequireScope("calendar:read")]
    public static string ReadCalendar() => "events";

    [McpServerTool(Name = "write_calendar"), RequireScope("calendar:read"), RequireScope("calendar:write")]
    public static string WriteCalendar() => "written";
}

[McpServerToolType]
[RequireScope("admin")]
public sealed class AdminTools
{
    [McpServerTool(Name = "admin_reset"), RequireScope("admin:write")]
    public static string Reset() => "reset";
}

[McpServerPromptType]
public sealed class TestPrompts
{
    [McpServerPrompt(Name = "secret_prompt"), RequireScope("prompts:secret")]
    public static string Secret() => "the secret prompt";
}

[McpServerResourceType]
public sealed class TestResources
{
    [McpServerResource(UriTemplate = "calendar://events/{id}", Name = "event"), RequireScope("calendar:read")]
    public static string Event(string id) => "event " + id;
}
