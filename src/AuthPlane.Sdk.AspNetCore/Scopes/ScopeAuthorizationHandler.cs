using System.Security.Claims;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>Evaluates <see cref="ScopeRequirement"/> against the caller's granted scopes.</summary>
internal sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (Granted(context.User, requirement.Scopes))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool Granted(ClaimsPrincipal user, IReadOnlyList<string> required)
    {
        if (user.GetAuthPlaneToken() is { } token)
        {
            return token.HasScopes(required);
        }

        foreach (var scope in required)
        {
            if (!user.HasClaim(claim => claim.Type == AuthPlaneIdentity.ScopeClaimType && Contains(claim.Value, scope)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(string value, string scope)
    {
        foreach (var range in value.AsSpan().Split(' '))
        {
            if (value.AsSpan()[range].SequenceEqual(scope))
            {
                return true;
            }
        }

        return false;
    }
}
