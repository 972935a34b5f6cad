using System.Text.Json;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Client;

/// <summary>Strict parsing of successful token-endpoint responses; every deviation is an <see cref="AuthPlaneProtocolException"/>.</summary>
internal static class TokenResponseParser
{
    public const string BearerTokenType = "Bearer";
    public const string DPoPTokenType = "DPoP";

    /// <summary>Parses <paramref name="body"/>.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="requireIssuedTokenType">True for token exchange, where <c>issued_token_type</c> is required.</param>
    /// <param name="requireDPoP">True when a DPoP proof was sent, so only a DPoP-bound token is acceptable.</param>
    /// <param name="defaultLifetime">Lifetime when <c>expires_in</c> is absent.</param>
    /// <param name="now">The receipt time.</param>
    public static TokenResponse Parse(ReadOnlySpan<byte> body, bool requireIssuedTokenType, bool requireDPoP, TimeSpan defaultLifetime, DateTimeOffset now)
    {
        using var document = JsonBodies.ParseObject(body, "token response");
        var root = document.RootElement;

        var accessToken = JsonBodies.GetString(root, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new AuthPlaneProtocolException("The token response has no access_token (a non-empty string is required).");
        }

        var tokenType = NormalizeTokenType(JsonBodies.GetString(root, "token_type"));
        if (requireDPoP && tokenType != DPoPTokenType)
        {
            throw new AuthPlaneProtocolException($"A DPoP proof was sent but the token response has token_type '{tokenType}'; only DPoP is acceptable.");
        }

        var expiresIn = ReadExpiresIn(root);
        var lifetime = expiresIn ?? defaultLifetime;

        var issuedTokenType = JsonBodies.GetString(root, "issued_token_type");
        if (requireIssuedTokenType && string.IsNullOrEmpty(issuedTokenType))
        {
            throw new AuthPlaneProtocolException("The token-exchange response has no issued_token_type (RFC 8693 §2.2.1 requires it).");
        }

        JsonElement? confirmation = root.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object ? cnf.Clone() : null;

        return new TokenResponse
        {
            AccessToken = accessToken,
            TokenType = tokenType,
            ExpiresIn = expiresIn,
            Lifetime = lifetime,
            ExpiresAt = NumericDate.AddSaturating(now, lifetime),
            Scope = JsonBodies.GetString(root, "scope"),
            RefreshToken = JsonBodies.GetString(root, "refresh_token"),
            IssuedTokenType = issuedTokenType,
            Confirmation = confirmation,
        };
    }

    private static string NormalizeTokenType(string? tokenType)
    {
        if (string.Equals(tokenType, BearerTokenType, StringComparison.OrdinalIgnoreCase))
        {
            return BearerTokenType;
        }

        if (string.Equals(tokenType, DPoPTokenType, StringComparison.OrdinalIgnoreCase))
        {
            return DPoPTokenType;
        }

        throw new AuthPlaneProtocolException($"The token response has an unsupported token_type '{tokenType}' (Bearer or DPoP expected).");
    }

    private static TimeSpan? ReadExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // A string ("60"), a fraction or a negative number is not the non-negative integer RFC 6749 §5.1 demands.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || seconds < 0)
        {
            throw new AuthPlaneProtocolException($"The token response's expires_in must be a non-negative integer, got {value.GetRawText()}.");
        }

        // An absurd expires_in (up to long.MaxValue) saturates at the end of time instead of overflowing.
        return TimeSpan.FromSeconds(Math.Min(seconds, NumericDate.MaxSeconds));
    }
}
