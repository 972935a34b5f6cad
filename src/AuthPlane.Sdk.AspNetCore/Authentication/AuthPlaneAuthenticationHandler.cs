using System.Security.Claims;
using System.Text.Encodings.Web;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// The AuthPlane authentication scheme: verifies <c>Authorization: Bearer|DPoP</c> (and <c>DPoP</c>) through
/// <see cref="IAuthPlaneRequestVerifier"/> and answers challenges as RFC 6750 §3 and RFC 9449 §7.1 describe: 401 with
/// <c>WWW-Authenticate</c> naming the resource metadata (RFC 9728 §5.1), 403 <c>insufficient_scope</c>, 503 with
/// <c>Retry-After</c> when credentials could not be checked.
/// </summary>
/// <remarks>
/// It runs only when its scheme is asked (default scheme, endpoint metadata or a policy naming it). When the
/// credentials could not be checked (authority, replay store or introspection unreachable) the request stays
/// unauthenticated: an endpoint that does not need AuthPlane goes on, and one that does is answered 503 with
/// <c>Retry-After</c> by the challenge. Every outcome passes through <see cref="Report"/>, the one place that
/// counts and logs authentication results.
/// </remarks>
internal sealed class AuthPlaneAuthenticationHandler : AuthenticationHandler<AuthPlaneAuthenticationOptions>
{
    private readonly IAuthPlaneRequestVerifier _verifier;
    private readonly AuthPlaneChallenges _challenges;
    private readonly RejectionDiagnostics _diagnostics;
    private readonly AuthPlaneMetrics _metrics;
    private RequestVerificationResult? _result;

    /// <summary>Creates the handler (by dependency injection).</summary>
    public AuthPlaneAuthenticationHandler(
        IOptionsMonitor<AuthPlaneAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IAuthPlaneRequestVerifier verifier,
        AuthPlaneChallenges challenges,
        RejectionDiagnostics diagnostics,
        AuthPlaneMetrics metrics)
        : base(options, logger, encoder)
    {
        _verifier = verifier;
        _challenges = challenges;
        _diagnostics = diagnostics;
        _metrics = metrics;
    }

    /// <summary>The handler's events.</summary>
    private new AuthPlaneEvents Events => (AuthPlaneEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new AuthPlaneEvents());

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (Events.Listens(Events.OnMessageReceived))
        {
            var received = new AuthPlaneMessageReceivedContext(Context, Scheme, Options);
            await Events.MessageReceived(received).ConfigureAwait(false);
            if (received.Result is not null)
            {
                return received.Result;
            }

            authorization = received.Authorization;
        }

        var result = await VerifyAsync(authorization).ConfigureAwait(false);
        switch (result.Status)
        {
            case RequestVerificationStatus.Authenticated when result.Token is { } token:
                var principal = new ClaimsPrincipal(new AuthPlaneIdentity(token, Options.MapAllClaims));
                if (Events.Listens(Events.OnTokenValidated))
                {
                    var validated = new AuthPlaneTokenValidatedContext(Context, Scheme, Options, token, principal);
                    await Events.TokenValidated(validated).ConfigureAwait(false);
                    if (validated.Result is not null)
                    {
                        return validated.Result;
                    }

                    validated.Success();
                    return validated.Result!;
                }

                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            case RequestVerificationStatus.NoCredentials:
                return AuthenticateResult.NoResult();
            default:
                if (Events.Listens(Events.OnAuthenticationFailed))
                {
                    var failed = new AuthPlaneAuthenticationFailedContext(Context, Scheme, Options, result);
                    await Events.AuthenticationFailed(failed).ConfigureAwait(false);
                    if (failed.Result is not null)
                    {
                        return failed.Result;
                    }
                }

                return AuthenticateResult.Fail(result.Reason == RejectionReason.None ? "Not authenticated" : result.Reason.Description());
        }
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await VerifyAsync(Request.Headers.Authorization).ConfigureAwait(false);
        var response = result.Status switch
        {
            RequestVerificationStatus.Unavailable => _challenges.ForUnavailable(result.Reason),
            RequestVerificationStatus.Rejected when result.Reason != RejectionReason.None => _challenges.ForRejection(result.Reason, result.Scheme),
            _ => RequiredScopes(properties) is { Length: > 0 } required ? _challenges.NoCredentialsFor(required) : _challenges.NoCredentials,
        };
        if (Events.Listens(Events.OnChallenge))
        {
            var challenge = new AuthPlaneChallengeContext(Context, Scheme, Options, properties, result, response);
            await Events.Challenge(challenge).ConfigureAwait(false);
            if (challenge.Handled)
            {
                return;
            }

            response = challenge.Error;
        }

        await AuthPlaneResponseWriter.WriteAsync(Response, response).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var result = await VerifyAsync(Request.Headers.Authorization).ConfigureAwait(false);
        var granted = result.Token?.Scopes ?? [];
        var required = RequiredScopes(properties);
        var response = _challenges.ForInsufficientScope(result.Scheme, granted, required);
        if (Events.Listens(Events.OnForbidden))
        {
            var forbidden = new AuthPlaneForbiddenContext(Context, Scheme, Options, properties, required, response);
            await Events.Forbidden(forbidden).ConfigureAwait(false);
            if (forbidden.Handled)
            {
                return;
            }

            response = forbidden.Error;
        }

        await AuthPlaneResponseWriter.WriteAsync(Response, response).ConfigureAwait(false);
    }

    private static string[] RequiredScopes(AuthenticationProperties? properties) =>
        properties is not null && properties.Items.TryGetValue(AuthPlaneAuthenticationDefaults.RequiredScopesItem, out var scopes) && scopes is not null
            ? scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    // Verifies once per request and scheme; the result is shared with the scope gate through a feature.
    private async ValueTask<RequestVerificationResult> VerifyAsync(StringValues authorization)
    {
        if (_result is not null)
        {
            return _result;
        }

        if (Context.Features.Get<IAuthPlaneVerificationFeature>() is { } existing)
        {
            return _result = existing.Result;
        }

        var request = Request;
        var resourceRequest = new ResourceRequest(
            request.Method,
            request.PathBase.ToUriComponent(),
            request.Path.ToUriComponent(),
            authorization,
            request.Headers[AuthPlaneTokenSchemes.DPoP])
        {
            RawTarget = Context.Features.Get<IHttpRequestFeature>()?.RawTarget,
        };
        var result = await _verifier.VerifyAsync(resourceRequest, Context.RequestAborted).ConfigureAwait(false);
        _result = result;
        Context.Features.Set<IAuthPlaneVerificationFeature>(new AuthPlaneVerificationFeature(result));
        if (result.DPoPNonce is { Length: > 0 } nonce)
        {
            AuthPlaneResponseWriter.AddNonceHeader(Response, nonce);
        }

        Report(result, authorization, request.Headers[AuthPlaneTokenSchemes.DPoP], resourceRequest);
        return result;
    }

    // The one place every verification outcome passes: counted by result and reason, and logged when rejected.
    private void Report(RequestVerificationResult result, StringValues authorization, StringValues dpop, ResourceRequest request)
    {
        _metrics.RecordAuthentication(result.Status, result.Reason, Scheme.Name, result.Scheme);
        if (result.Reason == RejectionReason.None || !Logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var credentials = RejectionDiagnostics.Read(result.Reason, authorization, dpop);
        if (result.Status == RequestVerificationStatus.Unavailable)
        {
            AuthPlaneLog.VerificationUnavailable(Logger, result.Reason, credentials.ClientIdForLog);
        }
        else
        {
            var error = result.Reason.ErrorCode();
            AuthPlaneLog.CredentialsRejected(Logger, result.Reason, error, result.Scheme, credentials.ClientIdForLog);
        }

        if (Logger.IsEnabled(LogLevel.Debug) && _diagnostics.Explain(result.Reason, credentials, request) is { } detail)
        {
            AuthPlaneLog.RejectionDetail(Logger, result.Reason, detail.Rule, detail.Expected, detail.Actual);
        }
    }
}
