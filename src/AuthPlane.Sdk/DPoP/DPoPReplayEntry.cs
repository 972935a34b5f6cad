namespace AuthPlane.Sdk.DPoP;

/// <summary>One accepted DPoP proof, as a replay cache records it.</summary>
/// <param name="Thumbprint">The RFC 7638 thumbprint of the proof key: the unit of the per-key quota.</param>
/// <param name="Jti">The proof's <c>jti</c>; stores keep only a hash of it.</param>
/// <param name="IssuedAt">The proof's <c>iat</c> (whole seconds).</param>
/// <param name="ExpiresAt">When the proof can no longer pass the freshness check and need not be remembered.</param>
public readonly record struct DPoPReplayEntry(string Thumbprint, string Jti, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
