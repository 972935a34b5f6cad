namespace AuthPlane.Sdk.Tokens;

/// <summary>Verifies AuthPlane JWT access tokens (RFC 9068) for the configured issuer and resource.</summary>
public interface IAccessTokenVerifier
{
    /// <summary>
    /// Verifies <paramref name="token"/>. Expected rejections are returned, never thrown; an unreachable
    /// authority with no cached keys is <see cref="Errors.RejectionReason.AuthorityUnavailable"/>.
    /// </summary>
    ValueTask<AccessTokenResult> VerifyAsync(string token, CancellationToken cancellationToken = default);
}
