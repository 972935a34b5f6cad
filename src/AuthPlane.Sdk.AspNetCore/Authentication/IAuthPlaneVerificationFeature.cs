using AuthPlane.Sdk.Verification;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>The outcome of verifying the current request's credentials, kept on <c>HttpContext.Features</c>.</summary>
public interface IAuthPlaneVerificationFeature
{
    /// <summary>The verifier's result for this request.</summary>
    RequestVerificationResult Result { get; }
}

/// <summary>The default <see cref="IAuthPlaneVerificationFeature"/>.</summary>
internal sealed class AuthPlaneVerificationFeature(RequestVerificationResult result) : IAuthPlaneVerificationFeature
{
    public RequestVerificationResult Result { get; } = result;
}
