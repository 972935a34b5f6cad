using AuthPlane.Sdk.AspNetCore;
using Microsoft.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Scope requirements on endpoints (<c>app.MapGet(...).RequireScope("calendar:read")</c>).</summary>
public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires every scope in <paramref name="scopes"/> on the endpoint(s): an authorization policy with a
    /// <see cref="ScopeRequirement"/>, evaluated by the authorization middleware with the app's default authentication
    /// scheme (add schemes with <c>RequireAuthorization(p => p.AddAuthenticationSchemes(...).RequireScope(...))</c>).
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new AuthorizationPolicyBuilder().RequireScope(scopes).Build();
        return builder.RequireAuthorization(policy);
    }
}
