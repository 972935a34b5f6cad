using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using AuthPlane.Sdk.Diagnostics;

namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// Dev mode only: the SDK's metrics as a plain-text page (<c>/dev/metrics</c>), so a user sees the authentication
/// results, cache hits and authority fetches without installing <c>dotnet-counters</c> or an OpenTelemetry collector.
/// Counters and histograms are summed since start, by instrument and tags; gauges show their latest value. Only this
/// app's instruments are shown: the SDK creates its meter through the app's <see cref="IMeterFactory"/>, so another host
/// in the same process (a test run, a second server) is not counted here.
/// </summary>
internal sealed class DevMetricsPage : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _gauges = new(StringComparer.Ordinal);

    public DevMetricsPage(IMeterFactory appMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuthPlaneDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, appMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The page's path.</summary>
    public const string Path = "/dev/metrics";

    /// <summary>Maps <c>GET /dev/metrics</c>.</summary>
    public void Map(WebApplication app) => app.MapGet(Path, () => Results.Text(Render(), "text/plain; charset=utf-8"));

    public void Dispose() => _listener.Dispose();

    private string Render()
    {
        _gauges.Clear();
        _listener.RecordObservableInstruments();
        var text = new StringBuilder()
            .AppendLine("AuthPlane.Sdk metrics since start (dev mode). Counters and histograms: totals; gauges: now.")
            .AppendLine();
        foreach (var (key, value) in _totals.Concat(_gauges).OrderBy(static pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(" = ").AppendLine(value.ToString("0.######", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new StringBuilder(instrument.Name);
        if (instrument is Histogram<double>)
        {
            key.Append(" (sum of ").Append(instrument.Unit).Append(')');
        }

        foreach (var tag in tags)
        {
            key.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        var name = key.ToString();
        if (instrument.IsObservable)
        {
            _gauges[name] = value;
        }
        else
        {
            _totals.AddOrUpdate(name, value, (_, total) => total + value);
        }
    }
}
