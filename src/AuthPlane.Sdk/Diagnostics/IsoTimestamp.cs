using System.Globalization;

namespace AuthPlane.Sdk.Diagnostics;

/// <summary>
/// A point in time as log messages show it: ISO 8601 (<c>O</c>) in the invariant culture, whatever the process's
/// culture, so an operator reads <c>2026-11-30T22:58:53.0000000+00:00</c> rather than a culture's date format.
/// </summary>
/// <param name="Value">The time.</param>
internal readonly record struct IsoTimestamp(DateTimeOffset Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString("O", CultureInfo.InvariantCulture);
}
