using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.Verification;

/// <summary>What the verifier needs of one HTTP request to the protected resource; free of any web framework type.</summary>
/// <param name="Method">The HTTP method as received (case preserved).</param>
/// <param name="PathBase">The request's path base as received (escaped form), empty when none.</param>
/// <param name="Path">The request's path as received (escaped form).</param>
/// <param name="Authorization">Every <c>Authorization</c> header value.</param>
/// <param name="DPoP">Every <c>DPoP</c> header value.</param>
public readonly record struct ResourceRequest(
    string Method,
    string PathBase,
    string Path,
    StringValues Authorization,
    StringValues DPoP);
