namespace AuthPlane.Sdk.Verification;

/// <summary>
/// Verifies one request's credentials end to end: the <c>Authorization</c> header, the access token,
/// the DPoP proof and the binding rules of the configured DPoP mode.
/// </summary>
public interface IAuthPlaneRequestVerifier
{
    /// <summary>Verifies <paramref name="request"/>. Expected rejections are returned, never thrown.</summary>
    ValueTask<RequestVerificationResult> VerifyAsync(ResourceRequest request, CancellationToken cancellationToken = default);
}
