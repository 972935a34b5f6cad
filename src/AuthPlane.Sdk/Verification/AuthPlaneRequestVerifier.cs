using System.Diagnostics;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Verification;

/// <summary>
/// Verifies one request's credentials: parses <c>Authorization</c>, verifies the access token, and applies
/// the DPoP binding rules of the configured <see cref="DPoPMode"/> (RFC 9449 §7.1: a bound token needs its proof, an unbound one must not come with one).
/// </summary>
/// <remarks>
/// Binding rules: a token with <c>cnf.jkt</c> needs the <c>DPoP</c> scheme and a valid proof for that key;
/// a proof with an unbound token is rejected; <see cref="DPoPMode.Required"/> rejects unbound tokens;
/// <see cref="DPoPMode.Disabled"/> rejects the <c>DPoP</c> scheme, proofs and bound tokens. An unbound token
/// sent with the <c>DPoP</c> scheme but without a proof is rejected as <see cref="RejectionReason.DPoPProofMissing"/>:
/// RFC 9449 §7.1 defines that scheme as a DPoP-bound token accompanied by a proof, and quietly downgrading it to a
/// bearer token would hide client bugs. A DPoP proof sent without any <c>Authorization</c> header is rejected as
/// <see cref="RejectionReason.DPoPProofWithUnboundToken"/> (there is no bound token for it); an <c>Authorization</c>
/// scheme other than <c>Bearer</c> or <c>DPoP</c> is not this SDK's and gives <see cref="RequestVerificationStatus.NoCredentials"/>
/// so other handlers may act. The URL a proof must
/// name is the configured resource origin plus the request's path as received (<see cref="ResourceRequest.RawTarget"/>,
/// else path base and path), never <c>Host</c> or <c>X-Forwarded-*</c>.
/// </remarks>
internal sealed class AuthPlaneRequestVerifier : IAuthPlaneRequestVerifier
{
    private const string BearerScheme = "Bearer";
    private const string DPoPScheme = "DPoP";

    private readonly IAccessTokenVerifier _tokens;
    private readonly AccessTokenVerifier? _cachingTokens; // the SDK's own verifier: looked up without copying the token
    private readonly DPoPProofValidator _proofs;
    private readonly DPoPMode _mode;
    private readonly string _resourceOrigin;
    private readonly AuthPlaneMetrics? _metrics;

    /// <summary>Creates the verifier for the configured resource.</summary>
    /// <param name="tokens">The access-token verifier.</param>
    /// <param name="proofs">The DPoP proof validator.</param>
    /// <param name="options">The AuthPlane options.</param>
    /// <param name="metrics">Where verification durations are recorded; none when <see langword="null"/>.</param>
    public AuthPlaneRequestVerifier(IAccessTokenVerifier tokens, DPoPProofValidator proofs, IOptions<AuthPlaneOptions> options, AuthPlaneMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(proofs);
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _cachingTokens = tokens as AccessTokenVerifier;
        _proofs = proofs;
        _mode = options.Value.DPoP.Mode;
        _resourceOrigin = ResourceIdentifier.TryParse(options.Value.Resource, out var resource)
            ? resource.Origin
            : throw new OptionsValidationException(
                "AuthPlane:Resource",
                typeof(AuthPlaneOptions),
                ["AuthPlane:Resource must be the absolute http(s) URI of this resource (for example https://mcp.example.com/mcp); the DPoP htu is built from its origin."]);
        _metrics = metrics;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Recorded as a span of <see cref="AuthPlaneDiagnostics.ActivitySource"/> and in the verification-duration
    /// histogram when something listens; otherwise the verification runs with no telemetry cost at all.
    /// </remarks>
    public ValueTask<RequestVerificationResult> VerifyAsync(ResourceRequest request, CancellationToken cancellationToken = default)
    {
        var activity = AuthPlaneDiagnostics.ActivitySource.StartActivity("AuthPlane verify credentials");
        var start = _metrics?.StartVerificationTimer() ?? 0;
        var pending = VerifyCoreAsync(request, cancellationToken);
        if (activity is null && start == 0)
        {
            return pending;
        }

        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Observed(pending.Result, activity, start))
            : ObserveAsync(pending, activity, start);
    }

    private async ValueTask<RequestVerificationResult> ObserveAsync(ValueTask<RequestVerificationResult> pending, Activity? activity, long start)
    {
        try
        {
            return Observed(await pending.ConfigureAwait(false), activity, start);
        }
        catch
        {
            activity?.Dispose();
            throw;
        }
    }

    private RequestVerificationResult Observed(RequestVerificationResult result, Activity? activity, long start)
    {
        if (start != 0)
        {
            _metrics!.RecordVerificationDuration(start, result.Reason);
        }

        if (activity is not null)
        {
            activity.SetTag(AuthPlaneTelemetryTags.Result, AuthPlaneMetrics.ResultTag(result.Status));
            activity.SetTag(AuthPlaneTelemetryTags.TokenScheme, result.Scheme);
            if (result.Token is { } token)
            {
                activity.SetTag(AuthPlaneTelemetryTags.ClientId, token.ClientId);
                activity.SetTag(AuthPlaneTelemetryTags.KeyId, token.KeyId);
            }

            if (result.Reason != RejectionReason.None)
            {
                activity.SetTag(AuthPlaneTelemetryTags.Reason, AuthPlaneMetrics.ReasonName(result.Reason));
                if (result.Status == RequestVerificationStatus.Unavailable)
                {
                    activity.SetStatus(ActivityStatusCode.Error, result.Reason.Description());
                }
            }

            activity.Dispose();
        }

        return result;
    }

    private async ValueTask<RequestVerificationResult> VerifyCoreAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var proofPresent = request.DPoP.Count > 0;
        var kind = AuthorizationHeader.ParseInPlace(request.Authorization, out var accessToken);
        switch (kind)
        {
            case AuthorizationHeaderKind.OtherScheme:
            case AuthorizationHeaderKind.Absent when !proofPresent:
                return new RequestVerificationResult { Status = RequestVerificationStatus.NoCredentials };
            case AuthorizationHeaderKind.Absent:
                return Reject(_mode == DPoPMode.Disabled ? RejectionReason.DPoPNotSupported : RejectionReason.DPoPProofWithUnboundToken, null);
            case AuthorizationHeaderKind.Malformed:
                return Reject(RejectionReason.MalformedAuthorizationHeader, null);
        }

        var scheme = kind == AuthorizationHeaderKind.DPoP ? DPoPScheme : BearerScheme;
        if (_mode == DPoPMode.Disabled && (kind == AuthorizationHeaderKind.DPoP || proofPresent))
        {
            return Reject(RejectionReason.DPoPNotSupported, scheme);
        }

        var verified = await VerifyTokenAsync(accessToken, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return Reject(verified.Reason, scheme);
        }

        var token = verified.Token!;
        if (!token.IsDPoPBound && token.Claims.ValueKind == System.Text.Json.JsonValueKind.Object && token.Claims.TryGetProperty("cnf", out _))
        {
            // Defence in depth: a cnf claim without a usable jkt must never be read as "unbound".
            return Reject(RejectionReason.InvalidConfirmationClaim, scheme);
        }

        if (!token.IsDPoPBound)
        {
            if (proofPresent)
            {
                return Reject(RejectionReason.DPoPProofWithUnboundToken, scheme);
            }

            if (_mode == DPoPMode.Required)
            {
                return Reject(RejectionReason.DPoPRequiredButTokenUnbound, scheme);
            }

            return kind == AuthorizationHeaderKind.DPoP
                ? Reject(RejectionReason.DPoPProofMissing, scheme)
                : Authenticated(token, scheme, null);
        }

        if (_mode == DPoPMode.Disabled)
        {
            return Reject(RejectionReason.DPoPNotSupported, scheme);
        }

        if (kind == AuthorizationHeaderKind.Bearer)
        {
            return Reject(RejectionReason.BoundTokenUsedAsBearer, scheme);
        }

        if (!proofPresent)
        {
            return Reject(RejectionReason.DPoPProofMissing, scheme);
        }

        var path = request.RawTarget is { } rawTarget ? HttpTargetUri.PathOfRequestTarget(rawTarget) : null;
        var expectedUrl = path is null
            ? string.Concat(_resourceOrigin, request.PathBase, request.Path)
            : string.Concat(_resourceOrigin, path);
        var proofRequest = new DPoPProofRequest(request.DPoP, request.Method, expectedUrl, token.RawToken, token.ConfirmationThumbprint)
        {
            AccessTokenHash = token.Hash,
        };
        var proof = await _proofs.ValidateAsync(proofRequest, cancellationToken).ConfigureAwait(false);
        return proof.Succeeded
            ? Authenticated(token, scheme, proof.Nonce)
            : Reject(proof.Reason, scheme, proof.Nonce);
    }

    private ValueTask<AccessTokenResult> VerifyTokenAsync(ReadOnlyMemory<char> accessToken, CancellationToken cancellationToken) =>
        _cachingTokens is not null
            ? _cachingTokens.VerifyAsync(accessToken, cancellationToken)
            : _tokens.VerifyAsync(accessToken.ToString(), cancellationToken);

    // Results are immutable: a success without a nonce is built once per token and scheme (a benign race may build
    // it twice), so the cached-token path allocates no result.
    private static RequestVerificationResult Authenticated(VerifiedToken token, string scheme, string? nonce)
    {
        if (nonce is not null)
        {
            return NewAuthenticated(token, scheme, nonce);
        }

        return scheme == BearerScheme
            ? token.AuthenticatedAsBearer ??= NewAuthenticated(token, scheme, null)
            : token.AuthenticatedAsDPoP ??= NewAuthenticated(token, scheme, null);
    }

    private static RequestVerificationResult NewAuthenticated(VerifiedToken token, string scheme, string? nonce) => new()
    {
        Status = RequestVerificationStatus.Authenticated,
        Token = token,
        Scheme = scheme,
        DPoPNonce = nonce,
    };

    private static RequestVerificationResult Reject(RejectionReason reason, string? scheme, string? nonce = null) => new()
    {
        Status = reason.IsUnavailable() ? RequestVerificationStatus.Unavailable : RequestVerificationStatus.Rejected,
        Reason = reason,
        Scheme = scheme,
        DPoPNonce = nonce,
    };
}
