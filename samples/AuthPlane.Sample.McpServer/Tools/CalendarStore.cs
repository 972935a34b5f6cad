namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>A tiny thread-safe in-memory calendar, seeded with two events relative to start-up.</summary>
public sealed class CalendarStore
{
    private readonly Lock _gate = new();
    private readonly List<CalendarEvent> _events = [];
    private int _nextId;

    /// <summary>Creates the calendar with a stand-up tomorrow and a review the day after.</summary>
    public CalendarStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var tomorrow = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Add("Team stand-up", tomorrow.AddHours(9), TimeSpan.FromMinutes(15), "system");
        Add("Quarterly review", tomorrow.AddDays(1).AddHours(14), TimeSpan.FromHours(1), "system");
    }

    /// <summary>The events that start in [<paramref name="from"/>, <paramref name="to"/>), in start order.</summary>
    public IReadOnlyList<CalendarEvent> List(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return [.. _events.Where(e => e.Start >= from && e.Start < to).OrderBy(e => e.Start)];
        }
    }

    /// <summary>Adds an event and returns it with its new id.</summary>
    public CalendarEvent Add(string title, DateTimeOffset start, TimeSpan duration, string createdBy)
    {
        lock (_gate)
        {
            var created = new CalendarEvent("evt-" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), title, start, start + duration, createdBy);
            _events.Add(created);
            return created;
        }
    }
}
