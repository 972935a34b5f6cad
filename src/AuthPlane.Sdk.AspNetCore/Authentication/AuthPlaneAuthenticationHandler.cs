using System.Security.Claims;
using System.Text.Encodings.Web;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// The <c>AuthPlane</c> authentication scheme: verifies <c>Authorization: Bearer|DPoP</c> (and <c>DPoP</c>)
/// through <see cref="IAuthPlaneRequestVerifier"/> and answers challenges exactly as DESIGN §4.4.
/// </summary>
/// <remarks>
/// When credentials were presented but could not be checked (authority, replay store or introspection
/// unreachable) the handler answers 503 at once, before any endpoint runs, whether or not the endpoint needs
/// authentication: the caller meant to authenticate, and treating it as anonymous would hide an outage.
/// </remarks>
public sealed class AuthPlaneAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>, IAuthenticationRequestHandler
{
    private readonly IAuthPlaneRequestVerifier _verifier;
    private readonly AuthPlaneChallenges _challenges;
    private RequestVerificationResult? _result;

    /// <summary>Creates the handler (by dependency injection).</summary>
    public AuthPlaneAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IAuthPlaneRequestVerifier verifier,
        AuthPlaneChallenges challenges)
        : base(options, logger, encoder)
    {
        _verifier = verifier;
        _challenges = challenges;
    }

    /// <inheritdoc />
    public async Task<bool> HandleRequestAsync()
    {
        var result = await VerifyAsync().ConfigureAwait(false);
        if (result.Status != RequestVerificationStatus.Unavailable)
        {
            return false;
        }

        await AuthPlaneResponseWriter.WriteAsync(Response, _challenges.ForUnavailable(result.Reason)).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await VerifyAsync().ConfigureAwait(false);
        switch (result.Status)
        {
            case RequestVerificationStatus.Authenticated when result.Token is not null:
                var principal = new ClaimsPrincipal(new AuthPlaneIdentity(result.Token));
                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            case RequestVerificationStatus.NoCredentials:
                return AuthenticateResult.NoResult();
            default:
                return AuthenticateResult.Fail(result.Reason == RejectionReason.None ? "Not authenticated" : result.Reason.Description());
        }
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await VerifyAsync().ConfigureAwait(false);
        var response = result.Status switch
        {
            RequestVerificationStatus.Rejected or RequestVerificationStatus.Unavailable when result.Reason != RejectionReason.None
                => _challenges.ForRejection(result.Reason, result.Scheme),
            _ => _challenges.NoCredentials,
        };
        await AuthPlaneResponseWriter.WriteAsync(Response, response).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var result = await VerifyAsync().ConfigureAwait(false);
        var granted = result.Token?.Scopes ?? [];
        var required = properties.Items.TryGetValue(AuthPlaneAuthenticationDefaults.RequiredScopesItem, out var scopes) && scopes is not null
            ? scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        await AuthPlaneResponseWriter.WriteAsync(Response, _challenges.ForInsufficientScope(result.Scheme, granted, required)).ConfigureAwait(false);
    }

    private async ValueTask<RequestVerificationResult> VerifyAsync()
    {
        if (_result is not null)
        {
            return _result;
        }

        var existing = Context.Features.Get<IAuthPlaneVerificationFeature>();
        if (existing is not null)
        {
            return _result = existing.Result;
        }

        var request = Request;
        var resourceRequest = new ResourceRequest(
            request.Method,
            request.PathBase.ToUriComponent(),
            request.Path.ToUriComponent(),
            request.Headers.Authorization,
            request.Headers[AuthenticationSchemes.DPoP])
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

        Log(result);
        return result;
    }

    private void Log(RequestVerificationResult result)
    {
        if (result.Reason == RejectionReason.None)
        {
            return;
        }

        if (result.Status == RequestVerificationStatus.Unavailable || result.Reason.IsUnavailable())
        {
            AuthPlaneLog.VerificationUnavailable(Logger, result.Reason);
        }
        else if (Logger.IsEnabled(LogLevel.Information))
        {
            var error = result.Reason.ErrorCode();
            AuthPlaneLog.CredentialsRejected(Logger, result.Reason, error, result.Scheme);
        }
    }
}
