namespace AuthPlane.Sdk.Testing;

/// <summary>How a <see cref="TestAuthority"/> endpoint misbehaves, to test outage handling.</summary>
public enum EndpointFault
{
    /// <summary>The endpoint answers normally.</summary>
    None,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>The endpoint never answers (until the client gives up or the authority stops).</summary>
    Stall,

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    InvalidJson,

    /// <summary>HTTP 404.</summary>
    NotFound,

    /// <summary>HTTP 200 announcing a longer body than is sent: the connection is cut mid-body.</summary>
    CutMidBody,
}
