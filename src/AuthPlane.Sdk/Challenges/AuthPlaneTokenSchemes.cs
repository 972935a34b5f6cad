namespace AuthPlane.Sdk.Challenges;

/// <summary>The HTTP authentication scheme names of OAuth access tokens.</summary>
public static class AuthPlaneTokenSchemes
{
    /// <summary>RFC 6750 bearer tokens.</summary>
    public const string Bearer = "Bearer";

    /// <summary>RFC 9449 DPoP-bound tokens.</summary>
    public const string DPoP = "DPoP";
}
