namespace AuthPlane.Sdk.DPoP;

/// <summary>The outcome of <see cref="IDPoPReplayCache.TryAddAsync"/>.</summary>
public enum ReplayCheckResult
{
    /// <summary>The key was not known and is now recorded: the proof is fresh.</summary>
    Added,

    /// <summary>The key was already recorded: the proof is a replay.</summary>
    Replayed,

    /// <summary>The store could not answer (unreachable, or full): the caller fails closed unless configured otherwise.</summary>
    Unavailable,
}
