namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>Names of the AuthPlane authentication scheme.</summary>
public static class AuthPlaneAuthenticationDefaults
{
    /// <summary>The authentication scheme name, <c>AuthPlane</c>.</summary>
    public const string AuthenticationScheme = Tokens.AuthPlaneIdentity.AuthenticationTypeName;

    /// <summary>
    /// The <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties"/> item carrying the space-separated
    /// scopes a forbidden request needed, so the 403 names them in <c>scope</c>.
    /// </summary>
    public const string RequiredScopesItem = "authplane.required_scopes";
}
