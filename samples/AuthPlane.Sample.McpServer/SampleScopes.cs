namespace AuthPlane.Sample.McpServer;

/// <summary>The scopes the sample's tools require.</summary>
public static class SampleScopes
{
    /// <summary>Read the calendar.</summary>
    public const string CalendarRead = "calendar:read";

    /// <summary>Add events to the calendar.</summary>
    public const string CalendarWrite = "calendar:write";

    /// <summary>Every scope of the sample, advertised as <c>scopes_supported</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [CalendarRead, CalendarWrite];
}
