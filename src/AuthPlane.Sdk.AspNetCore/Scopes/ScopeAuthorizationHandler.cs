using System.Security.Claims;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>Evaluates <see cref="ScopeRequirement"/> against the caller's granted scopes.</summary>
/// <remarks>
/// It runs for every authorization of the application, so it walks the requirements by index where it can, without
/// the <c>OfType</c> iterator and boxed enumerator that <see cref="AuthorizationHandler{TRequirement}"/> allocates
/// on each request.
/// </remarks>
internal sealed class ScopeAuthorizationHandler : IAuthorizationHandler
{
    /// <inheritdoc />
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Requirements is IReadOnlyList<IAuthorizationRequirement> requirements)
        {
            for (var i = 0; i < requirements.Count; i++)
            {
                Handle(context, requirements[i]);
            }
        }
        else
        {
            foreach (var requirement in context.Requirements)
            {
                Handle(context, requirement);
            }
        }

        return Task.CompletedTask;
    }

    private static void Handle(AuthorizationHandlerContext context, IAuthorizationRequirement requirement)
    {
        if (requirement is ScopeRequirement scoped && Granted(context.User, scoped.Scopes))
        {
            context.Succeed(scoped);
        }
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
