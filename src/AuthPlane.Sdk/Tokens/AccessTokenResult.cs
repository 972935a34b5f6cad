using AuthPlane.Sdk.Errors;

namespace AuthPlane.Sdk.Tokens;

/// <summary>The outcome of verifying an access token: a <see cref="VerifiedToken"/> or a <see cref="RejectionReason"/>.</summary>
public readonly struct AccessTokenResult
{
    private AccessTokenResult(VerifiedToken? token, RejectionReason reason)
    {
        Token = token;
        Reason = reason;
    }

    /// <summary>The verified token; null when rejected.</summary>
    public VerifiedToken? Token { get; }

    /// <summary>Why the token was rejected; <see cref="RejectionReason.None"/> on success.</summary>
    public RejectionReason Reason { get; }

    /// <summary>True when the token verified.</summary>
    public bool Succeeded => Token is not null;

    /// <summary>A successful result.</summary>
    public static AccessTokenResult Success(VerifiedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new AccessTokenResult(token, RejectionReason.None);
    }

    /// <summary>A rejection for <paramref name="reason"/>.</summary>
    public static AccessTokenResult Reject(RejectionReason reason)
    {
        if (reason == RejectionReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A rejection needs a reason.");
        }

        return new AccessTokenResult(null, reason);
    }
}
