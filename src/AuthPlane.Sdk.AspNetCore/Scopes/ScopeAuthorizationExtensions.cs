using AuthPlane.Sdk.AspNetCore;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Scope requirements for ASP.NET Core authorization policies and endpoints.</summary>
public static class ScopeAuthorizationExtensions
{
    /// <summary>
    /// Requires every scope in <paramref name="scopes"/> (a <see cref="ScopeRequirement"/>); an unauthenticated
    /// caller gets the 401 challenge and a caller without the scopes the 403 <c>insufficient_scope</c>, both naming them.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddRequirements(new ScopeRequirement(scopes));
    }
}
