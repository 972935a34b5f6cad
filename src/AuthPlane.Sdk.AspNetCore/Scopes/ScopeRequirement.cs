using Microsoft.AspNetCore.Authorization;

namespace AuthPlane.Sdk.AspNetCore;

/// <summary>
/// An authorization requirement met when the caller was granted every scope in <see cref="Scopes"/>: the scopes of
/// its AuthPlane token, or else the <c>scope</c> claims of another scheme's principal (space-delimited values are
/// split). A failed requirement is answered 401 (no token) or 403 <c>insufficient_scope</c>, both naming the scopes.
/// </summary>
public sealed class ScopeRequirement : IAuthorizationRequirement
{
    /// <summary>Requires <paramref name="scopes"/> (all of them).</summary>
    public ScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes.Distinct(StringComparer.Ordinal)];
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A scope requirement needs at least one non-empty scope.", nameof(scopes));
        }
    }

    /// <summary>The scopes required, all of them, without duplicates.</summary>
    public IReadOnlyList<string> Scopes { get; }
}
