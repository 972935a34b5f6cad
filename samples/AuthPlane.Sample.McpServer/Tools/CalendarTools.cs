using System.ComponentModel;
using System.Security.Claims;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Tokens;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>Calendar tools, each needing its own scope: a caller with only <c>calendar:read</c> gets 403 on writes.</summary>
[McpServerToolType]
public sealed class CalendarTools(CalendarStore calendar, TimeProvider time)
{
    private const int MaxDays = 90;
    private const int MaxDurationMinutes = 24 * 60;

    /// <summary>Lists upcoming events.</summary>
    [McpServerTool(Name = "list_events", ReadOnly = true), RequireScope(SampleScopes.CalendarRead)]
    [Description("Lists the calendar events starting within the next few days. Needs calendar:read.")]
    public IReadOnlyList<CalendarEvent> ListEvents(
        [Description("How many days ahead to look (1 to 90).")] int days = 7)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new McpException($"days must be between 1 and {MaxDays}.");
        }

        var now = time.GetUtcNow();
        return calendar.List(now, now.AddDays(days));
    }

    /// <summary>Creates an event.</summary>
    [McpServerTool(Name = "create_event"), RequireScope(SampleScopes.CalendarWrite)]
    [Description("Adds an event to the calendar. Needs calendar:write.")]
    public CalendarEvent CreateEvent(
        ClaimsPrincipal? user,
        [Description("The event title.")] string title,
        [Description("Start time, ISO 8601 with offset, e.g. 2026-12-01T09:00:00Z.")] DateTimeOffset start,
        [Description("Duration in minutes (1 to 1440).")] int durationMinutes = 30)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new McpException("title must not be empty.");
        }

        if (durationMinutes is < 1 or > MaxDurationMinutes)
        {
            throw new McpException($"durationMinutes must be between 1 and {MaxDurationMinutes}.");
        }

        var creator = user.GetAuthPlaneToken()?.Subject ?? "unknown";
        return calendar.Add(title.Trim(), start, TimeSpan.FromMinutes(durationMinutes), creator);
    }
}
