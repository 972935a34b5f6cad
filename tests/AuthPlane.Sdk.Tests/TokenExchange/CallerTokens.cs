using System.Security.Claims;
using System.Text.Json;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Tests.TokenExchange;

/// <summary>Principals as the AuthPlane authentication handler produces them, for a given raw caller token.</summary>
internal static class CallerTokens
{
    public static ClaimsPrincipal Principal(string rawToken, string subject = "user-1") => new(new AuthPlaneIdentity(new VerifiedToken
    {
        RawToken = rawToken,
        Issuer = "https://auth.example.com",
        Subject = subject,
        ClientId = "mcp-client",
        Audiences = ["https://mcp.example.com/mcp"],
        Scopes = ["mcp:tools"],
        TokenId = Guid.NewGuid().ToString(),
        KeyId = "k1",
        Algorithm = "ES256",
        IssuedAt = new DateTimeOffset(2026, 4, 22, 11, 59, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 4, 22, 13, 0, 0, TimeSpan.Zero),
        Claims = JsonDocument.Parse("{}").RootElement.Clone(),
    }));
}
