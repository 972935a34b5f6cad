namespace AuthPlane.Sdk.Discovery;

/// <summary>The well-known metadata locations of an issuer.</summary>
internal static class DiscoveryUrls
{
    /// <summary>
    /// RFC 8414 §3.1: <c>/.well-known/oauth-authorization-server</c> is inserted between the authority and the
    /// issuer's path (a terminating <c>/</c> of the path is dropped).
    /// </summary>
    public static Uri OAuthMetadata(Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return new Uri(issuer.GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-authorization-server" + path);
    }

    /// <summary>OpenID Connect Discovery 1.0 §4 (and RFC 8414 §5): <c>/.well-known/openid-configuration</c> appended to the issuer.</summary>
    public static Uri OpenIdConfiguration(Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return new Uri(issuer.GetLeftPart(UriPartial.Authority) + path + "/.well-known/openid-configuration");
    }
}
