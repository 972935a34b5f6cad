using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using NSubstitute;

namespace AuthPlane.Sdk.Tests.AspNetCore;

/// <summary>
/// An NSubstitute <see cref="IAuthPlaneRequestVerifier"/> mapping a few literal token strings to outcomes, so the
/// pipeline tests exercise only the ASP.NET Core layer against the verifier's contract (the end-to-end tests use the
/// real verifier and a TestAuthority). What each request looked like is in the substitute's received calls.
/// </summary>
internal static class TestRequestVerifier
{
    public const string ReadToken = "token-read";
    public const string ReadWriteToken = "token-read-write";
    public const string AdminWriteToken = "token-admin-write";
    public const string AllScopesToken = "token-all";
    public const string ExpiredToken = "token-expired";
    public const string AuthorityDownToken = "token-authority-down";
    public const string NonceRotationToken = "token-nonce-rotation";
    public const string NonceRequiredToken = "token-nonce-required";
    public const string RotatedNonce = "nonce-2";

    /// <summary>A substitute verifier answering the literal tokens above.</summary>
    public static IAuthPlaneRequestVerifier Create()
    {
        var verifier = Substitute.For<IAuthPlaneRequestVerifier>();
#pragma warning disable CA2012 // NSubstitute configures the call; the ValueTask is never awaited here
        verifier.VerifyAsync(Arg.Any<ResourceRequest>(), Arg.Any<CancellationToken>()).Returns(call => Answer(call.Arg<ResourceRequest>()));
#pragma warning restore CA2012
        return verifier;
    }

    /// <summary>The requests <paramref name="verifier"/> was asked to verify, in order.</summary>
    public static IReadOnlyList<ResourceRequest> Requests(IAuthPlaneRequestVerifier verifier) =>
        [.. verifier.ReceivedCalls().Select(call => (ResourceRequest)call.GetArguments()[0]!)];

    private static ValueTask<RequestVerificationResult> Answer(ResourceRequest request)
    {
        if (request.Authorization.Count == 0)
        {
            return Result(RequestVerificationStatus.NoCredentials);
        }

        var header = request.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? header[..space] : header;
        var token = space > 0 ? header[(space + 1)..] : string.Empty;
        return token switch
        {
            ReadToken => Authenticated(scheme, token, "calendar:read"),
            ReadWriteToken => Authenticated(scheme, token, "calendar:read", "calendar:write"),
            AdminWriteToken => Authenticated(scheme, token, "admin:write"),
            AllScopesToken => Authenticated(scheme, token, "calendar:read", "calendar:write", "admin", "admin:write", "prompts:secret"),
            NonceRotationToken => AuthenticatedWithNonce(scheme, token, RotatedNonce, "calendar:read"),
            ExpiredToken => Result(RequestVerificationStatus.Rejected, RejectionReason.TokenExpired, scheme),
            AuthorityDownToken => Result(RequestVerificationStatus.Unavailable, RejectionReason.AuthorityUnavailable, scheme),
            NonceRequiredToken => Result(RequestVerificationStatus.Rejected, RejectionReason.DPoPNonceRequired, scheme, "nonce-1"),
            _ => Result(RequestVerificationStatus.Rejected, RejectionReason.MalformedToken, scheme),
        };
    }

    public static VerifiedToken Token(string raw, params string[] scopes) => new()
    {
        RawToken = raw,
        Issuer = "https://auth.example.com",
        Subject = "alice",
        ClientId = "client-1",
        Audiences = [McpTestHost.Resource],
        Scopes = scopes,
        TokenId = "jti-" + raw,
        KeyId = "kid-1",
        Algorithm = "ES256",
        IssuedAt = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddHours(1),
        Claims = JsonDocument.Parse("{}").RootElement,
    };

    private static ValueTask<RequestVerificationResult> Authenticated(string scheme, string token, params string[] scopes) =>
        AuthenticatedWithNonce(scheme, token, null, scopes);

    private static ValueTask<RequestVerificationResult> AuthenticatedWithNonce(string scheme, string token, string? nonce, params string[] scopes) =>
        ValueTask.FromResult(new RequestVerificationResult
        {
            Status = RequestVerificationStatus.Authenticated,
            Token = Token(token, scopes),
            Scheme = scheme,
            DPoPNonce = nonce,
        });

    private static ValueTask<RequestVerificationResult> Result(RequestVerificationStatus status, RejectionReason reason = RejectionReason.None, string? scheme = null, string? nonce = null) =>
        ValueTask.FromResult(new RequestVerificationResult { Status = status, Reason = reason, Scheme = scheme, DPoPNonce = nonce });
}
