namespace AuthPlane.Sdk.Introspection;

/// <summary>What one introspection call decided about a token.</summary>
internal enum IntrospectionOutcome
{
    /// <summary>Active, for the token's own <c>sub</c> and <c>client_id</c>.</summary>
    Active,

    /// <summary><c>active</c> false or missing, or active for another subject or client.</summary>
    Inactive,

    /// <summary>The endpoint could not be reached, answered 5xx, timed out or broke the protocol; <c>FailOpen</c> may accept.</summary>
    Outage,

    /// <summary>The call was refused as misconfigured (client credentials, endpoint missing or insecure, metadata untrusted); always fails closed.</summary>
    Misconfigured,
}
