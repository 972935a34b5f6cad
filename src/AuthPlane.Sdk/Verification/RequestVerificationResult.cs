using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Verification;

/// <summary>The outcome of <see cref="IAuthPlaneRequestVerifier.VerifyAsync"/>.</summary>
public sealed class RequestVerificationResult
{
    /// <summary>The overall outcome.</summary>
    public required RequestVerificationStatus Status { get; init; }

    /// <summary>The verified token when <see cref="Status"/> is <see cref="RequestVerificationStatus.Authenticated"/>.</summary>
    public VerifiedToken? Token { get; init; }

    /// <summary>Why the request was rejected or could not be checked; <see cref="RejectionReason.None"/> otherwise.</summary>
    public RejectionReason Reason { get; init; }

    /// <summary>The scheme the client used (<c>Bearer</c> or <c>DPoP</c>), null when there were no credentials.</summary>
    public string? Scheme { get; init; }

    /// <summary>A fresh DPoP nonce to send in a <c>DPoP-Nonce</c> header (on a nonce challenge, or a rotation on success); null when none.</summary>
    public string? DPoPNonce { get; init; }
}
