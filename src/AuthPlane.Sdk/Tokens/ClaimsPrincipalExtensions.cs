using System.Security.Claims;

namespace AuthPlane.Sdk.Tokens;

/// <summary>Reaches the verified AuthPlane access token from a principal (for example an MCP tool's <c>RequestContext.User</c>).</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The verified AuthPlane token of <paramref name="principal"/>, or null when it was not authenticated by AuthPlane.</summary>
    public static VerifiedToken? GetAuthPlaneToken(this ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return null;
        }

        foreach (var identity in principal.Identities)
        {
            if (identity is AuthPlaneIdentity authPlane)
            {
                return authPlane.Token;
            }
        }

        return null;
    }
}
