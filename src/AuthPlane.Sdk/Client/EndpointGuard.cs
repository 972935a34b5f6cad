using AuthPlane.Sdk.Discovery;

namespace AuthPlane.Sdk.Client;

/// <summary>Checks an endpoint taken from AS metadata before any request is sent to it.</summary>
internal static class EndpointGuard
{
    /// <summary>Returns <paramref name="endpoint"/> when it is an absolute https URL (http only in dev mode).</summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The endpoint is missing or insecure.</exception>
    public static Uri Require(Uri? endpoint, string metadataName, bool devMode)
    {
        if (endpoint is null)
        {
            throw new AuthPlaneAuthorityMetadataException(
                AuthorityMetadataFailure.MissingEndpoint,
                $"The authority's metadata does not advertise a {metadataName}, which this operation needs.");
        }

        var secure = endpoint.IsAbsoluteUri
            && (endpoint.Scheme == Uri.UriSchemeHttps || (devMode && endpoint.Scheme == Uri.UriSchemeHttp));
        if (!secure)
        {
            throw new AuthPlaneAuthorityMetadataException(
                AuthorityMetadataFailure.InsecureEndpoint,
                $"The authority's {metadataName} '{endpoint}' is not an absolute https URL (http is allowed only in dev mode).");
        }

        return endpoint;
    }
}
