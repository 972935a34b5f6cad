using Microsoft.AspNetCore.Authorization;

namespace AuthPlane.Sdk.AspNetCore;

/// <summary>
/// Requires every listed scope. On an MCP tool, prompt or resource (method or class) it is enforced before the MCP
/// SDK answers (HTTP 403 <c>insufficient_scope</c>, or the 401 challenge naming the scope when the caller has no
/// AuthPlane token) and again by an MCP request filter. On any other endpoint (a minimal-API handler, a controller)
/// it is an authorization requirement (<see cref="ScopeRequirement"/>) that ASP.NET Core's authorization
/// middleware evaluates, answered with the same 401/403. Several attributes combine: all listed scopes are needed.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Delegate, AllowMultiple = true, Inherited = true)]
public sealed class RequireScopeAttribute : Attribute, IAuthorizationRequirementData
{
    /// <summary>Requires <paramref name="scopes"/> (all of them).</summary>
    public RequireScopeAttribute(params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = scopes;
    }

    /// <summary>The scopes required, all of them.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return new ScopeRequirement(Scopes);
    }
}
