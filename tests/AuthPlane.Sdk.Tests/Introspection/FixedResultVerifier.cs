using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Tests.Introspection;

/// <summary>
/// A hand-written inner <see cref="IAccessTokenVerifier"/> that returns a fixed result and counts its calls. The real
/// access-token verifier is built on another branch; the decorator depends only on the interface, so these tests pin
/// the inner outcome directly (the integrator adds an end-to-end test with the real verifier and TestAuthority).
/// </summary>
internal sealed class FixedResultVerifier(AccessTokenResult result) : IAccessTokenVerifier
{
    /// <summary>The moment the introspection tests start at (the <c>OAuthClientHarness</c> clock).</summary>
    public static readonly DateTimeOffset Start = new(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);

    private int _calls;

    /// <summary>Accepts every token as <see cref="Token"/> with the default expiry (one hour after <see cref="Start"/>).</summary>
    public FixedResultVerifier()
        : this(AccessTokenResult.Success(Token(Start.AddHours(1))))
    {
    }

    public int Calls => Volatile.Read(ref _calls);

    public static FixedResultVerifier Accepting(DateTimeOffset? expiresAt = null) => new(AccessTokenResult.Success(Token(expiresAt ?? Start.AddHours(1))));

    public static FixedResultVerifier Rejecting(RejectionReason reason) => new(AccessTokenResult.Reject(reason));

    public static VerifiedToken Token(DateTimeOffset expiresAt) => new()
    {
        RawToken = "header.payload.signature",
        Issuer = "https://authplane.example.com",
        Subject = "user-1",
        ClientId = "client-1",
        Audiences = ["https://mcp.example.com/mcp"],
        Scopes = ["calendar:read"],
        TokenId = "jti-1",
        KeyId = "kid-1",
        Algorithm = "ES256",
        IssuedAt = Start,
        ExpiresAt = expiresAt,
        Claims = JsonSerializer.SerializeToElement(new { sub = "user-1", client_id = "client-1" }),
    };

    public ValueTask<AccessTokenResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(result);
    }
}
