using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.DPoP;

namespace AuthPlane.Sdk;

/// <summary>
/// Settings of an MCP resource server protected by AuthPlane. Bound from the <c>AuthPlane</c>
/// configuration section (so <c>AuthPlane__Issuer</c> works) and from the flat <c>AUTHPLANE_*</c>
/// variables of the AuthPlane ecosystem.
/// </summary>
public sealed class AuthPlaneOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "AuthPlane";

    /// <summary>The AuthPlane issuer, compared byte for byte with the token's <c>iss</c> and the metadata's <c>issuer</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>This server's resource URI (for example <c>https://mcp.example.com/mcp</c>); tokens must name it in <c>aud</c>.</summary>
    public string? Resource { get; set; }

    /// <summary>The scopes this resource supports, advertised as <c>scopes_supported</c> and in the no-credentials challenge.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>This server's own OAuth client id at AuthPlane (token exchange, introspection).</summary>
    public string? ClientId { get; set; }

    /// <summary>This server's own OAuth client secret at AuthPlane.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Allows an <c>http</c> issuer and loopback or private addresses. Never on by default.</summary>
    public bool DevMode { get; set; }

    /// <summary>The <c>realm</c> of <c>WWW-Authenticate</c> challenges; defaults to the resource URI.</summary>
    public string? Realm { get; set; }

    /// <summary>Optional human-readable name published as <c>resource_name</c>.</summary>
    public string? ResourceName { get; set; }

    /// <summary>Optional documentation URL published as <c>resource_documentation</c>.</summary>
    public string? ResourceDocumentation { get; set; }

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>; 30 seconds by default, at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Access-token signing algorithms accepted; ES256 and RS256 by default. <c>none</c> and HMAC are never accepted.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; set; } = ["ES256", "RS256"];

    /// <summary>Largest access token accepted, in bytes, checked before any decoding.</summary>
    public int MaxTokenBytes { get; set; } = 8 * 1024;

    /// <summary>How metadata and keys are fetched from the authority.</summary>
    public AuthorityOptions Authority { get; set; } = new();

    /// <summary>DPoP (RFC 9449) settings.</summary>
    public DPoPOptions DPoP { get; set; } = new();

    /// <summary>Most verified access tokens kept in the verified-token cache; 10 000 by default.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Estimated memory the verified-token cache may hold, in bytes; 64 MiB by default. A token that would exceed it is
    /// verified but not cached.
    /// </summary>
    public long TokenCacheMaxBytes { get; set; } = 64L * 1024 * 1024;
}
