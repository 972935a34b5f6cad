namespace AuthPlane.Sdk.AspNetCore;

/// <summary>
/// Requires every listed scope for an MCP tool, prompt or resource (on the method or its class). Several
/// attributes combine: the caller needs the union of all listed scopes. Enforced before the MCP SDK answers
/// (HTTP 403 <c>insufficient_scope</c>) and again by an MCP request filter.
/// </summary>
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
