namespace AuthPlane.Sdk.AspNetCore;

/// <summary>
/// Requires every listed scope. On an MCP tool, prompt or resource (method or class) it is enforced before the MCP
/// SDK answers (HTTP 403 <c>insufficient_scope</c>, or the 401 challenge naming the scope when the caller has no
/// AuthPlane token) and again by an MCP request filter. Several attributes combine: all listed scopes are needed.
/// For other endpoints use <c>.RequireScope(...)</c> or a policy with <c>RequireScope(...)</c> (<see cref="ScopeRequirement"/>).
/// </summary>
/// <remarks>
/// Deliberately not ASP.NET Core authorization metadata: the MCP SDK treats such metadata on a tool as a demand for
/// its own <c>AddAuthorizationFilters()</c>, which would hide tools and answer JSON-RPC errors instead of the 403
/// step-up challenge.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequireScopeAttribute : Attribute
{
    /// <summary>Requires <paramref name="scopes"/> (all of them).</summary>
    public RequireScopeAttribute(params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = scopes;
    }

    /// <summary>The scopes required, all of them.</summary>
    public IReadOnlyList<string> Scopes { get; }
}
