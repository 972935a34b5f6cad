namespace AuthPlane.Sdk.Discovery;

/// <summary>The parts of RFC 8414 authorization-server metadata the SDK uses, validated against the configured issuer.</summary>
public sealed class AuthorizationServerMetadata
{
    /// <summary>The <c>issuer</c>, equal byte for byte to the configured issuer.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>jwks_uri</c>: absolute, https unless dev mode.</summary>
    public required Uri JwksUri { get; init; }

    /// <summary>The <c>token_endpoint</c>, when advertised.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The <c>introspection_endpoint</c>, when advertised.</summary>
    public Uri? IntrospectionEndpoint { get; init; }

    /// <summary>The <c>revocation_endpoint</c>, when advertised.</summary>
    public Uri? RevocationEndpoint { get; init; }

    /// <summary>The <c>dpop_signing_alg_values_supported</c>, empty when absent.</summary>
    public IReadOnlyList<string> DPoPSigningAlgorithms { get; init; } = [];

    /// <summary>
    /// Names of the optional endpoint members (<c>token_endpoint</c>, <c>introspection_endpoint</c>,
    /// <c>revocation_endpoint</c>) that were advertised but are not absolute https URLs (http only in dev mode).
    /// Such an endpoint is null above and is reported when used, not when metadata is fetched.
    /// </summary>
    public IReadOnlySet<string> InvalidEndpoints { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The token endpoint.</summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The endpoint is not advertised, or is not an allowed URL.</exception>
    public Uri RequireTokenEndpoint() => Require(TokenEndpoint, "token_endpoint");

    /// <summary>The introspection endpoint.</summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The endpoint is not advertised, or is not an allowed URL.</exception>
    public Uri RequireIntrospectionEndpoint() => Require(IntrospectionEndpoint, "introspection_endpoint");

    /// <summary>The revocation endpoint.</summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The endpoint is not advertised, or is not an allowed URL.</exception>
    public Uri RequireRevocationEndpoint() => Require(RevocationEndpoint, "revocation_endpoint");

    private Uri Require(Uri? endpoint, string member)
    {
        if (InvalidEndpoints.Contains(member))
        {
            throw new AuthPlaneAuthorityMetadataException(
                AuthorityMetadataFailure.InsecureEndpoint,
                $"The authorization server metadata {member} is not an absolute https URL (http is allowed only in dev mode).");
        }

        return endpoint ?? throw new AuthPlaneAuthorityMetadataException(
            AuthorityMetadataFailure.MissingEndpoint,
            $"The authorization server metadata does not advertise {member}.");
    }
}
