using System.Diagnostics;

namespace AuthPlane.Sdk.Diagnostics;

/// <summary>
/// Names of the SDK's telemetry sources, for <c>AddMeter(...)</c> and <c>AddSource(...)</c> in OpenTelemetry or for a
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> / <see cref="ActivityListener"/>.
/// </summary>
public static class AuthPlaneDiagnostics
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>AuthPlane.Sdk</c>.</summary>
    public const string MeterName = "AuthPlane.Sdk";

    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>: <c>AuthPlane.Sdk</c>.</summary>
    public const string ActivitySourceName = "AuthPlane.Sdk";

    /// <summary>The source of the SDK's spans: token verification, authority fetches and token exchange.</summary>
    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
