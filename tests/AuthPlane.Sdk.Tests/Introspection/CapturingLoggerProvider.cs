using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Tests.Introspection;

/// <summary>One log entry as written.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Captures every log entry written through the loggers it creates, so tests can assert what was logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public IReadOnlyList<CapturedLog> WithEventId(int eventId) => [.. Entries.Where(e => e.EventId.Id == eventId)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception)));
    }
}
