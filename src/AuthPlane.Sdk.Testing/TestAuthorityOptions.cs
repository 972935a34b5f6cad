namespace AuthPlane.Sdk.Testing;

/// <summary>Settings of a <see cref="TestAuthority"/>.</summary>
public sealed class TestAuthorityOptions
{
    /// <summary>The clock used for token, code and proof times (use a fake clock to test expiry); the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A path appended to the issuer (for example <c>/tenant-a</c>, or <c>/</c> for an issuer with a trailing slash); empty by default.</summary>
    public string IssuerPath { get; set; } = string.Empty;

    /// <summary>
    /// The loopback port to listen on; 0 (the default) picks a free port. A fixed port keeps the issuer stable across
    /// restarts (with <see cref="StateDirectory"/>, so do the signing key and registered clients).
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// A directory where the authority keeps its signing key and dynamically registered clients as JSON files, so that
    /// tokens and client registrations survive a restart; null (the default) keeps everything in memory. Delete the
    /// directory to reset the authority.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>The algorithm of the initial signing key: <c>ES256</c> (default), <c>ES384</c>, <c>RS256</c> or <c>PS256</c>.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>The lifetime of tokens minted by <see cref="TestAuthority.MintAccessToken"/> and the client credentials and token exchange grants; one hour by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The lifetime of user access tokens (authorization code and refresh grants); 15 minutes by default, as AuthPlane.</summary>
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an authorization code can be redeemed; 10 minutes by default, as AuthPlane.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token can be used; 7 days by default, as AuthPlane.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The users the login-less consent page can grant for (their <c>sub</c>); the first is preselected. More than one
    /// adds a user picker to the page. <c>dev-user</c> by default.
    /// </summary>
    public IReadOnlyList<string> Users { get; set; } = ["dev-user"];

    /// <summary>The <c>dpop_signing_alg_values_supported</c> advertised in metadata and accepted in proofs at the token endpoint.</summary>
    public IReadOnlyList<string> DPoPSigningAlgorithms { get; set; } = ["ES256", "RS256", "PS256"];

    /// <summary>Requires a server nonce in DPoP proofs at the token endpoint (RFC 9449 §8): proofs without one get <c>use_dpop_nonce</c>.</summary>
    public bool RequireDPoPNonce { get; set; }

    /// <summary>How far a DPoP proof's <c>iat</c> may be from now at the token endpoint; 60 seconds by default, as AuthPlane.</summary>
    public TimeSpan DPoPProofLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
