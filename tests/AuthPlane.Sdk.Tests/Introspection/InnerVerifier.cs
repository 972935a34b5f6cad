using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using NSubstitute;

namespace AuthPlane.Sdk.Tests.Introspection;

/// <summary>
/// NSubstitute stand-ins for the verifier that introspection decorates: the decorator depends only on
/// <see cref="IAccessTokenVerifier"/>, so these tests pin the inner outcome and count the calls it receives.
/// </summary>
internal static class InnerVerifier
{
    /// <summary>The moment the introspection tests start at (the <c>OAuthClientHarness</c> clock).</summary>
    public static readonly DateTimeOffset Start = new(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A verifier accepting every token as <see cref="Token"/>, expiring at <paramref name="expiresAt"/> (default: an hour after <see cref="Start"/>).</summary>
    public static IAccessTokenVerifier Accepting(DateTimeOffset? expiresAt = null) =>
        Returning(AccessTokenResult.Success(Token(expiresAt ?? Start.AddHours(1))));

    /// <summary>A verifier rejecting every token for <paramref name="reason"/>.</summary>
    public static IAccessTokenVerifier Rejecting(RejectionReason reason) => Returning(AccessTokenResult.Reject(reason));

    /// <summary>How many tokens <paramref name="verifier"/> (a substitute) was asked to verify.</summary>
    public static int Calls(this IAccessTokenVerifier verifier) =>
        verifier.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IAccessTokenVerifier.VerifyAsync));

    /// <summary>The token the accepting verifier returns.</summary>
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

    private static IAccessTokenVerifier Returning(AccessTokenResult result)
    {
        var verifier = Substitute.For<IAccessTokenVerifier>();
#pragma warning disable CA2012 // NSubstitute's set-up call: the ValueTask is never awaited here, the substitute answers with a fresh copy of a completed one
        verifier.VerifyAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(ValueTask.FromResult(result));
#pragma warning restore CA2012
        return verifier;
    }
}
