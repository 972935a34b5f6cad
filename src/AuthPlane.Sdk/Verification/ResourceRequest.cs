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
    StringValues DPoP)
{
    /// <summary>
    /// The request target exactly as received on the request line (ASP.NET Core: <c>IHttpRequestFeature.RawTarget</c>),
    /// for example <c>/m%7Ecp?x=1</c>. When set, a DPoP proof's <c>htu</c> is compared with its path (RFC 9449 §4.3,
    /// RFC 3986 §6.2.2) instead of with <see cref="PathBase"/> + <see cref="Path"/>, which the server has already
    /// unescaped and re-escaped.
    /// </summary>
    public string? RawTarget { get; init; }
}
