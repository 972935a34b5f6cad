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
}
