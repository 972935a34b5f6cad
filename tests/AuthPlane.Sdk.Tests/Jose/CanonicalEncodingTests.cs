using System.Text;
using AuthPlane.Sdk.Jose;
using Xunit;

namespace AuthPlane.Sdk.Tests.Jose;

/// <summary>The building blocks of total parsing: canonical base64url, well-formed JSON text, NumericDate arithmetic.</summary>
public sealed class CanonicalEncodingTests
{
    [Theory]
    [InlineData("AA", true)]
    [InlineData("AQ", true)]
    [InlineData("AB", false)] // 4 unused bits, one set
    [InlineData("AAA", true)]
    [InlineData("AAE", true)]
    [InlineData("AAB", false)] // 2 unused bits, one set
    [InlineData("AAAA", true)]
    [InlineData("A", false)]
    [InlineData("", false)]
    [InlineData("AA==", false)]
    [InlineData("A A", false)]
    [InlineData("+/", false)]
    [InlineData("-_", false)] // "_" is 63: 0b111111 leaves the unused bits set
    [InlineData("-w", true)]
    public void Only_canonical_unpadded_base64url_is_valid(string text, bool valid)
    {
        Assert.Equal(valid, CanonicalBase64Url.IsValid(text));
        Assert.Equal(valid, CanonicalBase64Url.TryDecode(text, out _));
    }

    [Fact]
    public void Decoding_gives_the_bytes()
    {
        Assert.True(CanonicalBase64Url.TryDecode("-w", out var bytes));

        Assert.Equal([0xFB], bytes);
    }

    [Theory]
    [InlineData("""{"a":"b"}""", true)]
    [InlineData("""{"a":"\ud83d\ude00"}""", true)]
    [InlineData("""{"a":"\\ud800"}""", true)] // an escaped backslash, then plain text
    [InlineData("""{"a":"\ud800"}""", false)]
    [InlineData("""{"a":"\udc00"}""", false)]
    [InlineData("""{"a":"\ud800\u0041"}""", false)]
    [InlineData("""{"a":"\ud800"}""" + "x", false)]
    [InlineData("""{"a":"\u00e9"}""", true)]
    public void Escaped_surrogates_must_pair(string json, bool wellFormed)
    {
        Assert.Equal(wellFormed, JsonText.IsWellFormed(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Invalid_utf8_is_not_well_formed()
    {
        Assert.False(JsonText.IsWellFormed(RawJws.WithInvalidUtf8("""{"a":"@@"}""")));
        Assert.False(JsonText.IsWellFormed([(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'])); // an encoded surrogate
    }

    [Fact]
    public void Saturating_addition_stops_at_the_ends_of_time()
    {
        Assert.Equal(DateTimeOffset.MaxValue, NumericDate.AddSaturating(DateTimeOffset.MaxValue.AddSeconds(-1), TimeSpan.FromMinutes(5)));
        Assert.Equal(DateTimeOffset.MinValue, NumericDate.AddSaturating(DateTimeOffset.MinValue.AddSeconds(1), TimeSpan.FromMinutes(-5)));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(30), NumericDate.AddSaturating(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(253402300800)]
    public void Unix_seconds_beyond_the_calendar_saturate(long seconds)
    {
        Assert.Equal(DateTimeOffset.MaxValue, NumericDate.FromUnixSecondsSaturating(seconds));
    }
}
