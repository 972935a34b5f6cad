namespace AuthPlane.Sdk.Introspection;

/// <summary>
/// Settings of introspection-based revocation (RFC 7662): after a token verified locally, the authority is asked
/// whether it is still active, so a revoked token stops working before its <c>exp</c>. Bound from the
/// <c>AuthPlane:Introspection</c> configuration section. Off by default.
/// </summary>
public sealed class IntrospectionOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "AuthPlane:Introspection";

    /// <summary>The longest either cache duration may be.</summary>
    public static readonly TimeSpan MaxCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>Turns the revocation check on. Off by default: every verified token then costs one introspection call per cache duration.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// How long an <c>active</c> answer is reused for the same token (keyed by the SHA-256 of the token); 30 seconds by
    /// default, at most 5 minutes, zero to introspect on every request. Never beyond the token's <c>exp</c> (or the
    /// <c>exp</c> the authority reports, when earlier). This is the longest a revoked token can still be accepted.
    /// </summary>
    public TimeSpan ActiveResultCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an inactive answer is reused, so a revoked token replayed in a loop does not become a flood of
    /// introspection calls; 30 seconds by default, at most 5 minutes, zero to not cache inactive answers. An inactive
    /// answer is only ever cached as inactive. Failed introspection calls are never cached.
    /// </summary>
    public TimeSpan InactiveResultCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Accepts a locally verified token when the introspection endpoint cannot be reached, answers 5xx, times out or
    /// answers garbage, logging a warning for each request accepted that way. Off by default (fail closed: 503
    /// <c>temporarily_unavailable</c>). Misconfiguration (rejected client credentials, no <c>introspection_endpoint</c>)
    /// always fails closed.
    /// </summary>
    public bool FailOpen { get; set; }

    /// <summary>Most introspection answers kept; 10,000 by default. When full, new answers are not cached until entries expire.</summary>
    public int MaxCacheEntries { get; set; } = 10_000;
}
