namespace AuthPlane.Sdk.DPoP;

/// <summary>Remembers DPoP proof identifiers so each proof is accepted once (RFC 9449 §11.1).</summary>
public interface IDPoPReplayCache
{
    /// <summary>
    /// Atomically records <paramref name="entry"/> (thumbprint and <c>jti</c>) until its expiry when it is not already
    /// recorded. A store that forgot entries before their expiry to stay within its bounds answers
    /// <see cref="ReplayCheckResult.TooOld"/> for every proof issued at or before the forgotten ones, so the
    /// exactly-once guarantee holds.
    /// </summary>
    ValueTask<ReplayCheckResult> TryAddAsync(DPoPReplayEntry entry, CancellationToken cancellationToken = default);
}
