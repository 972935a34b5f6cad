using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.DPoP;

/// <summary>What a DPoP proof is checked against (RFC 9449 §4.3, §7.1).</summary>
/// <param name="Proofs">Every <c>DPoP</c> header value of the request; exactly one, without a comma, is accepted.</param>
/// <param name="Method">The request method as received; <c>htm</c> must equal it case-sensitively.</param>
/// <param name="ExpectedUrl">
/// The URL <c>htu</c> must name: the configured resource origin plus the request's path as received
/// (never built from <c>Host</c> or <c>X-Forwarded-*</c>). Both are compared after RFC 3986 §6.2.2 normalisation.
/// </param>
/// <param name="AccessToken">The presented access token; <c>ath</c> must be the base64url SHA-256 of it.</param>
/// <param name="ExpectedThumbprint">
/// The token's <c>cnf.jkt</c>. A proof is only ever checked against a binding: when this is null the proof is
/// rejected with <see cref="Errors.RejectionReason.DPoPKeyBindingMismatch"/> rather than checked unbound.
/// </param>
internal readonly record struct DPoPProofRequest(
    StringValues Proofs,
    string Method,
    string ExpectedUrl,
    string AccessToken,
    string? ExpectedThumbprint)
{
    /// <summary>The SHA-256 of <see cref="AccessToken"/> when the token verifier already computed it; hashed again otherwise.</summary>
    internal Tokens.TokenHash? AccessTokenHash { get; init; }
}
