using AuthPlane.Sdk.Errors;

namespace AuthPlane.Sdk.DPoP;

/// <summary>The outcome of <see cref="DPoPProofValidator.ValidateAsync"/>.</summary>
internal readonly struct DPoPProofResult
{
    private DPoPProofResult(RejectionReason reason, string? thumbprint, string? nonce)
    {
        Reason = reason;
        Thumbprint = thumbprint;
        Nonce = nonce;
    }

    /// <summary>Why the proof was rejected; <see cref="RejectionReason.None"/> when it was accepted.</summary>
    public RejectionReason Reason { get; }

    /// <summary>The RFC 7638 thumbprint of the proof key when the proof was accepted.</summary>
    public string? Thumbprint { get; }

    /// <summary>A fresh server nonce to send in <c>DPoP-Nonce</c> (on a nonce challenge, or a rotation on success); null when none.</summary>
    public string? Nonce { get; }

    /// <summary>True when the proof was accepted.</summary>
    public bool Succeeded => Reason == RejectionReason.None;

    internal static DPoPProofResult Success(string thumbprint, string? nonce) => new(RejectionReason.None, thumbprint, nonce);

    internal static DPoPProofResult Reject(RejectionReason reason, string? nonce = null) => new(reason, null, nonce);
}
