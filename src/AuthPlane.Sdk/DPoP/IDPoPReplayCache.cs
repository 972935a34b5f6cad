namespace AuthPlane.Sdk.DPoP;

/// <summary>Remembers DPoP proof identifiers so each proof is accepted once (RFC 9449 §11.1).</summary>
public interface IDPoPReplayCache
{
    /// <summary>
    /// Atomically records <paramref name="key"/> (thumbprint and <c>jti</c>) until <paramref name="expiresAt"/>
    /// when it is not already recorded.
    /// </summary>
    ValueTask<ReplayCheckResult> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
