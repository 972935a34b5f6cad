namespace AuthPlane.Sdk.Challenges;

/// <summary>
/// A complete error answer of the resource server (RFC 6750 §3, RFC 9449 §7.1): status, <c>WWW-Authenticate</c>
/// challenges (one per header line, <c>Bearer</c> first), an optional <c>Retry-After</c> and a small JSON body.
/// </summary>
public sealed class AuthPlaneErrorResponse
{
    /// <summary>The media type of <see cref="Body"/>.</summary>
    public const string ContentType = "application/json";

    private readonly byte[] _body;

    /// <summary>Creates a response.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="challenges">The <c>WWW-Authenticate</c> values.</param>
    /// <param name="error">The OAuth error code; null for the no-credentials answer, which names none (RFC 6750 §3.1).</param>
    /// <param name="errorDescription">The fixed description.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay (503 only); sent in whole seconds, a fraction rounded up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public AuthPlaneErrorResponse(int statusCode, IReadOnlyList<string> challenges, string? error, string errorDescription, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        if (retryAfter is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(retryAfter));
            RetryAfterSeconds = WholeSecondsRoundedUp(delay);
        }

        StatusCode = statusCode;
        Challenges = challenges;
        Error = error;
        ErrorDescription = errorDescription;
        RetryAfter = retryAfter;
        _body = ErrorBody.Serialize(error, errorDescription);
    }

    /// <summary>The HTTP status: 400, 401, 403, 413 or 503.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>WWW-Authenticate</c> header values, one challenge each; empty for 503.</summary>
    public IReadOnlyList<string> Challenges { get; }

    /// <summary>The OAuth error code of the body; null when the answer names none (no credentials were sent).</summary>
    public string? Error { get; }

    /// <summary>The fixed, operator-facing description of the body.</summary>
    public string ErrorDescription { get; }

    /// <summary>The <c>Retry-After</c> delay (503 only), otherwise null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>Retry-After</c> header value: <see cref="RetryAfter"/> in whole seconds, a fraction rounded up.</summary>
    internal long? RetryAfterSeconds { get; }

    /// <summary>The UTF-8 JSON body <c>{"error":…,"error_description":…}</c> (without <c>error</c> when <see cref="Error"/> is null).</summary>
    public ReadOnlyMemory<byte> Body => _body;

    // A client told to wait 1.5 s must not come back after 1 s; TimeSpan.MaxValue still fits a long.
    private static long WholeSecondsRoundedUp(TimeSpan delay) =>
        (delay.Ticks / TimeSpan.TicksPerSecond) + (delay.Ticks % TimeSpan.TicksPerSecond == 0 ? 0 : 1);
}
