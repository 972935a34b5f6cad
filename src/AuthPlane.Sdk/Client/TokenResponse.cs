using System.Text.Json;

namespace AuthPlane.Sdk.Client;

/// <summary>A successful, strictly parsed token-endpoint response (RFC 6749 §5.1, RFC 8693 §2.2.1, RFC 9449 §5).</summary>
public sealed class TokenResponse
{
    /// <summary>The issued <c>access_token</c>.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The <c>token_type</c>, normalised to <c>Bearer</c> or <c>DPoP</c>.</summary>
    public required string TokenType { get; init; }

    /// <summary>
    /// The <c>expires_in</c> as received; null when absent. An absurdly large value is clamped to the lifetime that
    /// still ends before the year 10000.
    /// </summary>
    public TimeSpan? ExpiresIn { get; init; }

    /// <summary>The lifetime used: <see cref="ExpiresIn"/>, or the configured default when absent. Zero means "do not cache".</summary>
    public required TimeSpan Lifetime { get; init; }

    /// <summary>When the token stops being usable, computed from <see cref="Lifetime"/> at receipt.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The granted <c>scope</c>, when returned.</summary>
    public string? Scope { get; init; }

    /// <summary>The <c>refresh_token</c>, when returned.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The <c>issued_token_type</c> (required for token exchange), when returned.</summary>
    public string? IssuedTokenType { get; init; }

    /// <summary>The <c>cnf</c> member, when returned.</summary>
    public JsonElement? Confirmation { get; init; }

    /// <summary>True when <see cref="TokenType"/> is <c>DPoP</c>.</summary>
    public bool IsDPoP => TokenType == TokenResponseParser.DPoPTokenType;
}
