namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// The events of the AuthPlane authentication handler, in the style of JwtBearer's: set a delegate, or derive and
/// override a method (and name the type in <see cref="Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions.EventsType"/>).
/// Each event can change the outcome; none is raised when nobody listens.
/// </summary>
public class AuthPlaneEvents
{
    /// <summary>Raised before the credentials are read: replace <see cref="AuthPlaneMessageReceivedContext.Authorization"/>, or decide the result.</summary>
    public Func<AuthPlaneMessageReceivedContext, Task>? OnMessageReceived { get; set; }

    /// <summary>Raised after the token (and proof) verified: add to, replace or reject the principal.</summary>
    public Func<AuthPlaneTokenValidatedContext, Task>? OnTokenValidated { get; set; }

    /// <summary>Raised when credentials were presented and rejected, or could not be checked (authority unreachable).</summary>
    public Func<AuthPlaneAuthenticationFailedContext, Task>? OnAuthenticationFailed { get; set; }

    /// <summary>Raised before the 401 (or 503) is written: change <see cref="AuthPlaneChallengeContext.Error"/> or write your own and call <see cref="AuthPlaneChallengeContext.HandleResponse"/>.</summary>
    public Func<AuthPlaneChallengeContext, Task>? OnChallenge { get; set; }

    /// <summary>Raised before the 403 is written: change <see cref="AuthPlaneForbiddenContext.Error"/> or write your own and call <see cref="AuthPlaneForbiddenContext.HandleResponse"/>.</summary>
    public Func<AuthPlaneForbiddenContext, Task>? OnForbidden { get; set; }

    /// <summary>Invokes <see cref="OnMessageReceived"/>.</summary>
    public virtual Task MessageReceived(AuthPlaneMessageReceivedContext context) => OnMessageReceived?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    public virtual Task TokenValidated(AuthPlaneTokenValidatedContext context) => OnTokenValidated?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnAuthenticationFailed"/>.</summary>
    public virtual Task AuthenticationFailed(AuthPlaneAuthenticationFailedContext context) => OnAuthenticationFailed?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    public virtual Task Challenge(AuthPlaneChallengeContext context) => OnChallenge?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnForbidden"/>.</summary>
    public virtual Task Forbidden(AuthPlaneForbiddenContext context) => OnForbidden?.Invoke(context) ?? Task.CompletedTask;

    // A derived type may override any method, so only the base type with a null delegate is known to be silent;
    // the handler skips building a context for silent events (the cached-token path allocates nothing for them).
    internal bool Listens(Delegate? handler) => handler is not null || GetType() != typeof(AuthPlaneEvents);
}
