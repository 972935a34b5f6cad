using AuthPlane.Sdk.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Answers a failed <see cref="ScopeRequirement"/> like the MCP scope gate: the challenge (401) or forbid (403) carries
/// the required scopes in <see cref="AuthPlaneAuthenticationDefaults.RequiredScopesItem"/>, so the AuthPlane scheme
/// names them in <c>scope</c>. Every other outcome goes to ASP.NET Core's default handler.
/// </summary>
internal sealed class ScopeAwareAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Challenged && !authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var required = RequiredScopes(policy);
        if (required.Length == 0
            || (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Any() != true))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        return AnswerAsync(context, policy, authorizeResult.Challenged, required);
    }

    private static async Task AnswerAsync(HttpContext context, AuthorizationPolicy policy, bool challenge, string[] required)
    {
        var properties = new AuthenticationProperties();
        properties.Items[AuthPlaneAuthenticationDefaults.RequiredScopesItem] = string.Join(' ', required);
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await (challenge ? context.ChallengeAsync(properties) : context.ForbidAsync(properties)).ConfigureAwait(false);
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await (challenge ? context.ChallengeAsync(scheme, properties) : context.ForbidAsync(scheme, properties)).ConfigureAwait(false);
        }
    }

    private static string[] RequiredScopes(AuthorizationPolicy policy) =>
        [.. policy.Requirements.OfType<ScopeRequirement>().SelectMany(requirement => requirement.Scopes).Distinct(StringComparer.Ordinal)];
}
