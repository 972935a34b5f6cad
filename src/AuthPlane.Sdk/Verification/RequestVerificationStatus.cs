namespace AuthPlane.Sdk.Verification;

/// <summary>The overall outcome of verifying a request's credentials.</summary>
public enum RequestVerificationStatus
{
    /// <summary>No <c>Authorization</c> header: anonymous, challenged only if the endpoint needs authentication.</summary>
    NoCredentials,

    /// <summary>Token (and proof, when any) verified.</summary>
    Authenticated,

    /// <summary>Credentials were presented and rejected (400/401).</summary>
    Rejected,

    /// <summary>The check could not be made (authority, replay store or introspection unreachable): 503.</summary>
    Unavailable,
}
