using AuthPlane.Sdk.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Scope requirements on endpoints (<c>app.MapGet(...).RequireScope("calendar:read")</c>).</summary>
public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires every scope in <paramref name="scopes"/> on the endpoint(s): the same as <c>[RequireScope]</c> on the handler,
    /// evaluated by the authorization middleware with the app's default authentication scheme.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var requirement = new RequireScopeAttribute(scopes);
        _ = new ScopeRequirement(scopes); // validates now, at mapping time, rather than on the first request
        return builder.WithMetadata(requirement);
    }
}
