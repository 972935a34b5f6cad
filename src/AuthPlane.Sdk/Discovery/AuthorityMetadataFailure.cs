namespace AuthPlane.Sdk.Discovery;

/// <summary>Kinds of metadata failure, matching the conformance catalog's error categories.</summary>
public enum AuthorityMetadataFailure
{
    /// <summary>The metadata document could not be fetched (network, status, size, time) — <c>metadata_or_transport_failure</c>.</summary>
    Unreachable,

    /// <summary>The document is not valid metadata or its <c>issuer</c> is missing or not the configured one — <c>metadata_fetch_error</c>.</summary>
    InvalidDocument,

    /// <summary>An endpoint the operation needs is not advertised — <c>missing_metadata_endpoint</c>.</summary>
    MissingEndpoint,

    /// <summary>An endpoint is not an absolute https URL (http only in dev mode) — <c>metadata_or_transport_failure</c>.</summary>
    InsecureEndpoint,
}
