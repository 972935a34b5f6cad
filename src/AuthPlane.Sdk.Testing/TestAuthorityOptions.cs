namespace AuthPlane.Sdk.Testing;

/// <summary>Settings of a <see cref="TestAuthority"/>.</summary>
public sealed class TestAuthorityOptions
{
    /// <summary>The clock used for token times (use a fake clock to test expiry); the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A path appended to the issuer (for example <c>/tenant-a</c>, or <c>/</c> for an issuer with a trailing slash); empty by default.</summary>
    public string IssuerPath { get; set; } = string.Empty;

    /// <summary>The algorithm of the initial signing key: <c>ES256</c> (default), <c>ES384</c>, <c>RS256</c> or <c>PS256</c>.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>The lifetime of minted tokens; one hour by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>dpop_signing_alg_values_supported</c> advertised in metadata.</summary>
    public IReadOnlyList<string> DPoPSigningAlgorithms { get; set; } = ["ES256", "RS256", "PS256"];
}
