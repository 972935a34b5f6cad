using System.Security.Claims;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>The context of <see cref="AuthPlaneEvents.OnMessageReceived"/>.</summary>
public sealed class AuthPlaneMessageReceivedContext : ResultContext<AuthPlaneAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthPlaneMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, AuthPlaneAuthenticationOptions options)
        : base(context, scheme, options)
    {
        Authorization = context.Request.Headers.Authorization;
    }

    /// <summary>The <c>Authorization</c> value(s) to verify; starts as the request header (for example set <c>"Bearer " + token</c> read elsewhere).</summary>
    public StringValues Authorization { get; set; }
}

/// <summary>The context of <see cref="AuthPlaneEvents.OnTokenValidated"/>: <see cref="ResultContext{TOptions}.Principal"/> may be replaced, or <see cref="ResultContext{TOptions}.Fail(string)"/> called.</summary>
public sealed class AuthPlaneTokenValidatedContext : ResultContext<AuthPlaneAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthPlaneTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, AuthPlaneAuthenticationOptions options, VerifiedToken token, ClaimsPrincipal principal)
        : base(context, scheme, options)
    {
        Token = token;
        Principal = principal;
    }

    /// <summary>The verified token.</summary>
    public VerifiedToken Token { get; }
}

/// <summary>
/// The context of <see cref="AuthPlaneEvents.OnAuthenticationFailed"/>. Without a decision the request is left
/// unauthenticated and challenged with <see cref="Verification"/>'s reason if the endpoint needs AuthPlane.
/// </summary>
public sealed class AuthPlaneAuthenticationFailedContext : ResultContext<AuthPlaneAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthPlaneAuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, AuthPlaneAuthenticationOptions options, RequestVerificationResult verification)
        : base(context, scheme, options)
    {
        Verification = verification;
    }

    /// <summary>The verifier's outcome (status, reason, scheme used).</summary>
    public RequestVerificationResult Verification { get; }
}

/// <summary>The context of <see cref="AuthPlaneEvents.OnChallenge"/> (401, or 503 while the authority is unreachable).</summary>
public sealed class AuthPlaneChallengeContext : PropertiesContext<AuthPlaneAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthPlaneChallengeContext(HttpContext context, AuthenticationScheme scheme, AuthPlaneAuthenticationOptions options, AuthenticationProperties properties, RequestVerificationResult verification, AuthPlaneErrorResponse error)
        : base(context, scheme, options, properties)
    {
        Verification = verification;
        Error = error;
    }

    /// <summary>The verifier's outcome for this request.</summary>
    public RequestVerificationResult Verification { get; }

    /// <summary>The answer the handler will write: status, <c>WWW-Authenticate</c> lines, JSON body. May be replaced.</summary>
    public AuthPlaneErrorResponse Error { get; set; }

    /// <summary>True after <see cref="HandleResponse"/>: the handler writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Tells the handler the response was written by the event.</summary>
    public void HandleResponse() => Handled = true;
}

/// <summary>The context of <see cref="AuthPlaneEvents.OnForbidden"/> (403 <c>insufficient_scope</c>).</summary>
public sealed class AuthPlaneForbiddenContext : PropertiesContext<AuthPlaneAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthPlaneForbiddenContext(HttpContext context, AuthenticationScheme scheme, AuthPlaneAuthenticationOptions options, AuthenticationProperties properties, IReadOnlyList<string> requiredScopes, AuthPlaneErrorResponse error)
        : base(context, scheme, options, properties)
    {
        RequiredScopes = requiredScopes;
        Error = error;
    }

    /// <summary>The scopes the refused request needed (empty when the refusal was not about scopes).</summary>
    public IReadOnlyList<string> RequiredScopes { get; }

    /// <summary>The answer the handler will write. May be replaced.</summary>
    public AuthPlaneErrorResponse Error { get; set; }

    /// <summary>True after <see cref="HandleResponse"/>: the handler writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Tells the handler the response was written by the event.</summary>
    public void HandleResponse() => Handled = true;
}
