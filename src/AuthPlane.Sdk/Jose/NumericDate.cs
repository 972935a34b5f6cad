using System.Text.Json;

namespace AuthPlane.Sdk.Jose;

/// <summary>
/// RFC 7519 §2 NumericDate claims (<c>exp</c>, <c>iat</c>, <c>nbf</c>) of tokens and proofs, read one way, and the
/// time arithmetic on them that cannot overflow: every value read lies between the Unix epoch and
/// <see cref="DateTimeOffset.MaxValue"/> (253402300799), and additions saturate at the end of time instead of throwing.
/// </summary>
internal static class NumericDate
{
    /// <summary>The largest NumericDate a <see cref="DateTimeOffset"/> can hold: 9999-12-31T23:59:59Z.</summary>
    public const long MaxSeconds = 253_402_300_799;

    /// <summary>
    /// Reads a JSON number of seconds since the epoch (a fraction is truncated to whole seconds); false for any other
    /// JSON type, a negative value, or one beyond <see cref="MaxSeconds"/>.
    /// </summary>
    public static bool TryRead(JsonElement element, out long seconds)
    {
        seconds = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (!element.TryGetInt64(out var whole))
        {
            if (!element.TryGetDouble(out var fractional) || !double.IsFinite(fractional) || fractional < 0 || fractional > MaxSeconds)
            {
                return false;
            }

            whole = (long)Math.Floor(fractional);
        }

        if (whole is < 0 or > MaxSeconds)
        {
            return false;
        }

        seconds = whole;
        return true;
    }

    /// <summary><paramref name="instant"/> + <paramref name="offset"/>, clamped to <see cref="DateTimeOffset.MinValue"/>..<see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static DateTimeOffset AddSaturating(DateTimeOffset instant, TimeSpan offset)
    {
        var ticks = instant.UtcTicks;
        if (offset.Ticks > 0 && ticks > DateTimeOffset.MaxValue.UtcTicks - offset.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        if (offset.Ticks < 0 && ticks < DateTimeOffset.MinValue.UtcTicks - offset.Ticks)
        {
            return DateTimeOffset.MinValue;
        }

        return new DateTimeOffset(ticks + offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>The instant <paramref name="seconds"/> after the epoch, clamped to the range of <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset FromUnixSecondsSaturating(long seconds)
        => seconds switch
        {
            > MaxSeconds => DateTimeOffset.MaxValue,
            < -62_135_596_800 => DateTimeOffset.MinValue,
            _ => DateTimeOffset.FromUnixTimeSeconds(seconds),
        };
}
