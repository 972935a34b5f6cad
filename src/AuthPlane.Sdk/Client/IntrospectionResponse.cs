using System.Text.Json;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// An RFC 7662 introspection response. A response without <c>active: true</c> is inactive. The NumericDate members
/// (<c>exp</c>, <c>iat</c>, <c>nbf</c>) are read as instants; one that is not a number of seconds between the epoch
/// and the year 9999 makes the whole answer an <see cref="AuthPlaneProtocolException"/>.
/// </summary>
public sealed class IntrospectionResponse
{
    /// <summary>True only when the response says <c>"active": true</c>.</summary>
    public required bool Active { get; init; }

    /// <summary>The <c>scope</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>The <c>client_id</c>.</summary>
    public string? ClientId { get; init; }

    /// <summary>The <c>username</c>.</summary>
    public string? Username { get; init; }

    /// <summary>The <c>token_type</c>.</summary>
    public string? TokenType { get; init; }

    /// <summary>The <c>exp</c>: when the token expires; null when absent.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The <c>iat</c>: when the token was issued; null when absent.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The <c>nbf</c>: when the token becomes valid; null when absent.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>sub</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>aud</c> values (a single string becomes one element).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The <c>iss</c>.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>jti</c>.</summary>
    public string? TokenId { get; init; }

    /// <summary>The whole response object, for extension members.</summary>
    public required JsonElement RawJson { get; init; }
}
