namespace AuthPlane.Sdk.Testing.OAuth;

/// <summary>What a <see cref="TestAuthority"/> vended an upstream token for through token exchange.</summary>
/// <param name="Subject">The <c>sub</c> of the subject token (the user the upstream token acts for).</param>
/// <param name="Resource">The broker resource the token is for, as registered with <see cref="TestAuthority.RegisterUpstream"/>.</param>
/// <param name="Scopes">The granted upstream scopes.</param>
/// <param name="ClientId">The client that performed the exchange.</param>
/// <param name="IssuedAt">When the token was issued (the authority's clock).</param>
/// <param name="ExpiresAt">When the token expires (the authority's clock).</param>
public sealed record UpstreamGrant(
    string Subject,
    string Resource,
    IReadOnlyList<string> Scopes,
    string ClientId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
