using AuthPlane.Sdk.Challenges;

using Xunit;

namespace AuthPlane.Sdk.Tests.Challenges;

public sealed class AuthPlaneErrorResponseTests
{
    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, 1L)] // one tick past zero already waits a whole second
    [InlineData(10 * TimeSpan.TicksPerSecond, 10L)]
    [InlineData((10 * TimeSpan.TicksPerSecond) + 1, 11L)]
    [InlineData(long.MaxValue, 922_337_203_686L)] // TimeSpan.MaxValue rounds up without overflowing
    public void Retry_after_header_carries_whole_seconds_with_a_fraction_rounded_up(long ticks, long seconds)
    {
        var retryAfter = TimeSpan.FromTicks(ticks);

        var response = new AuthPlaneErrorResponse(503, [], "temporarily_unavailable", "down", retryAfter);

        Assert.Equal(retryAfter, response.RetryAfter);
        Assert.Equal(seconds, response.RetryAfterSeconds);
    }

    [Fact]
    public void Without_retry_after_there_is_no_header_value()
    {
        var response = new AuthPlaneErrorResponse(401, ["Bearer"], null, "No access token was provided");

        Assert.Null(response.RetryAfter);
        Assert.Null(response.RetryAfterSeconds);
    }

    [Fact]
    public void Negative_retry_after_is_refused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => new AuthPlaneErrorResponse(503, [], "temporarily_unavailable", "down", TimeSpan.FromTicks(-1)));

        Assert.Equal("retryAfter", exception.ParamName);
    }
}
