namespace AuthPlane.Sdk.Discovery;

/// <summary>Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients the SDK registers.</summary>
public static class AuthPlaneHttpClients
{
    /// <summary>
    /// The client that talks to the AuthPlane authority (metadata, JWKS, and later the token endpoints):
    /// no redirects, and outside dev mode no connections to loopback, private, link-local or unspecified addresses.
    /// </summary>
    public const string Authority = "AuthPlane.Authority";
}
