namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>One event of the sample's in-memory calendar.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Title">What the event is.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="CreatedBy">The <c>sub</c> of the caller who created it.</param>
public sealed record CalendarEvent(string Id, string Title, DateTimeOffset Start, DateTimeOffset End, string CreatedBy);
