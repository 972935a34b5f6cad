namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Exponential back-off after failed authority fetches: the first retry waits <see cref="AuthorityOptions.RetryDelay"/>,
/// each further failure doubles the wait up to <see cref="AuthorityOptions.MaxRetryDelay"/>, a success resets it.
/// Thread-safe; the retry time is read without a lock on the request path.
/// </summary>
internal sealed class AuthorityBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private readonly Lock _gate = new();
    private int _failures;
    private long _retryAtUtcTicks; // DateTimeOffset is not written atomically; ticks are, via Volatile

    public AuthorityBackoff(AuthorityOptions options)
    {
        _first = options.RetryDelay;
        _max = options.MaxRetryDelay < options.RetryDelay ? options.RetryDelay : options.MaxRetryDelay;
    }

    /// <summary>True while a fetch must not be attempted.</summary>
    public bool IsWaiting(DateTimeOffset now) => now.UtcTicks < Volatile.Read(ref _retryAtUtcTicks);

    /// <summary>Records a failure at <paramref name="now"/>; returns when the next attempt may start.</summary>
    public DateTimeOffset Failed(DateTimeOffset now)
    {
        lock (_gate)
        {
            var doublings = Math.Min(_failures, 30);
            _failures++;
            var delay = TimeSpan.FromTicks(Math.Min(_max.Ticks, _first.Ticks * (1L << Math.Min(doublings, 20))));
            var retryAt = now + delay;
            Volatile.Write(ref _retryAtUtcTicks, retryAt.UtcTicks);
            return retryAt;
        }
    }

    /// <summary>Records a success: the next failure waits the first delay again.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            Volatile.Write(ref _retryAtUtcTicks, 0);
        }
    }
}
