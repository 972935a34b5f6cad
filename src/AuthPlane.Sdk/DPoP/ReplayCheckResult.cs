namespace AuthPlane.Sdk.DPoP;

/// <summary>The outcome of <see cref="IDPoPReplayCache.TryAddAsync"/>.</summary>
public enum ReplayCheckResult
{
    /// <summary>The key was not known and is now recorded: the proof is fresh.</summary>
    Added,

    /// <summary>The key was already recorded: the proof is a replay.</summary>
    Replayed,

    /// <summary>The store could not answer (unreachable): the caller fails closed unless configured otherwise.</summary>
    Unavailable,

    /// <summary>
    /// The proof's <c>iat</c> is below the store's minimum acceptable <c>iat</c>, raised when entries were evicted to
    /// keep the store bounded: the store can no longer vouch for it, so it fails the freshness check.
    /// </summary>
    TooOld,
}
