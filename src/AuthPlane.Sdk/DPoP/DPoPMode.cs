namespace AuthPlane.Sdk.DPoP;

/// <summary>Whether the resource server accepts, requires or refuses DPoP-bound access tokens (RFC 9449).</summary>
public enum DPoPMode
{
    /// <summary>DPoP-bound tokens and DPoP proofs are refused; only bearer tokens are accepted.</summary>
    Disabled = 0,

    /// <summary>Bearer and DPoP-bound tokens are both accepted; a bound token must come with a valid proof. The default.</summary>
    Allowed = 1,

    /// <summary>Only DPoP-bound tokens with a valid proof are accepted.</summary>
    Required = 2,
}
