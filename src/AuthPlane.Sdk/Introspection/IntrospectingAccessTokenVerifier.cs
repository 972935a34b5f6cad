using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Introspection;

/// <summary>
/// Decorates an <see cref="IAccessTokenVerifier"/> with a revocation check by RFC 7662 introspection: a token the
/// inner verifier accepted is accepted only while the authority reports it active. Answers are cached briefly by the
/// SHA-256 of the token, and concurrent requests for one token share one introspection call. An unreachable
/// endpoint rejects with <see cref="RejectionReason.IntrospectionUnavailable"/> unless
/// <see cref="IntrospectionOptions.FailOpen"/> is on.
/// </summary>
internal sealed class IntrospectingAccessTokenVerifier : IAccessTokenVerifier
{
    private const string AccessTokenHint = "access_token";

    private readonly IAccessTokenVerifier _inner;
    private readonly IAuthPlaneOAuthClient _client;
    private readonly IntrospectionOptions _options;
    private readonly IntrospectionResultCache _cache;
    private readonly IntrospectionFlights _flights;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the decorator with its own answer cache.</summary>
    /// <param name="inner">Verifies signature and claims first; only the tokens it accepts are introspected.</param>
    /// <param name="client">Introspects with this server's client credentials.</param>
    /// <param name="options">Introspection settings.</param>
    /// <param name="timeProvider">The clock of the answer cache.</param>
    /// <param name="logger">The logger.</param>
    public IntrospectingAccessTokenVerifier(
        IAccessTokenVerifier inner,
        IAuthPlaneOAuthClient client,
        IOptions<IntrospectionOptions> options,
        TimeProvider timeProvider,
        ILogger<IntrospectingAccessTokenVerifier> logger)
        : this(inner, client, options, CreateCache(options), new IntrospectionFlights(), timeProvider, logger)
    {
    }

    internal IntrospectingAccessTokenVerifier(
        IAccessTokenVerifier inner,
        IAuthPlaneOAuthClient client,
        IOptions<IntrospectionOptions> options,
        IntrospectionResultCache cache,
        IntrospectionFlights flights,
        TimeProvider timeProvider,
        ILogger<IntrospectingAccessTokenVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(flights);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _client = client;
        _options = options.Value;
        _cache = cache;
        _flights = flights;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A token the inner verifier rejects is returned as rejected without any introspection call. A cancelled
    /// request stops waiting, but an introspection call other requests share runs on (bounded by the client's timeout).
    /// </remarks>
    public ValueTask<AccessTokenResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        // Not an async method: when the inner verifier completes synchronously and the answer is cached, the request
        // finishes here without a state machine, a closure or a task (the hot path allocates nothing but the hash).
        var pending = _inner.VerifyAsync(token, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? AfterInnerVerification(token, pending.Result, cancellationToken)
            : AwaitInnerVerificationAsync(pending, token, cancellationToken);
    }

    private async ValueTask<AccessTokenResult> AwaitInnerVerificationAsync(ValueTask<AccessTokenResult> pending, string token, CancellationToken cancellationToken)
    {
        var result = await pending.ConfigureAwait(false);
        return await AfterInnerVerification(token, result, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<AccessTokenResult> AfterInnerVerification(string token, AccessTokenResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return new ValueTask<AccessTokenResult>(result); // already invalid: no introspection call
        }

        var key = TokenHash.Of(token);
        if (_cache.TryGet(key, _timeProvider.GetUtcNow(), out var active))
        {
            return new ValueTask<AccessTokenResult>(active ? result : AccessTokenResult.Reject(RejectionReason.TokenInactive));
        }

        return IntrospectThroughFlightAsync(token, result, key, cancellationToken);
    }

    private async ValueTask<AccessTokenResult> IntrospectThroughFlightAsync(string token, AccessTokenResult result, TokenHash key, CancellationToken cancellationToken)
    {
        var verified = result.Token!;
        var outcome = await _flights
            .JoinOrStart(key, () => IntrospectAsync(token, verified, key))
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return ToResult(outcome, result, verified);
    }

    private AccessTokenResult ToResult(IntrospectionOutcome outcome, AccessTokenResult verifiedResult, VerifiedToken verified)
    {
        switch (outcome)
        {
            case IntrospectionOutcome.Active:
                return verifiedResult;
            case IntrospectionOutcome.Inactive:
                return AccessTokenResult.Reject(RejectionReason.TokenInactive);
            case IntrospectionOutcome.Outage when _options.FailOpen:
                IntrospectionLog.AcceptedFailOpen(_logger, verified.ClientId);
                return verifiedResult;
            default:
                return AccessTokenResult.Reject(RejectionReason.IntrospectionUnavailable);
        }
    }

    // Runs once per flight, shared by every request for the token, so it must not observe any one request's
    // cancellation; the OAuth client's total timeout bounds it. The answer is cached before the flight ends, so a
    // later request finds either the flight or the cached answer.
    private async Task<IntrospectionOutcome> IntrospectAsync(string token, VerifiedToken verified, TokenHash key)
    {
        // Another request may have cached an answer between this request's cache miss and the start of its flight.
        if (_cache.TryGet(key, _timeProvider.GetUtcNow(), out var cachedActive))
        {
            return cachedActive ? IntrospectionOutcome.Active : IntrospectionOutcome.Inactive;
        }

        IntrospectionResponse response;
        try
        {
            response = await _client.IntrospectAsync(token, AccessTokenHint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthPlaneServerException or AuthPlaneProtocolException
            || ex is AuthPlaneAuthorityMetadataException { Failure: AuthorityMetadataFailure.Unreachable })
        {
            IntrospectionLog.Unavailable(_logger, ErrorOf(ex), ex);
            return IntrospectionOutcome.Outage;
        }
        catch (Exception ex) when (ex is AuthPlaneOAuthException or AuthPlaneAuthorityMetadataException)
        {
            // Rejected client credentials or a missing, insecure or untrusted endpoint will not heal by waiting, and
            // accepting tokens through them would silently turn revocation off: never fail open here.
            IntrospectionLog.Misconfigured(_logger, ErrorOf(ex), ex);
            return IntrospectionOutcome.Misconfigured;
        }

        var outcome = Decide(response, verified);
        Remember(key, verified, response, outcome);
        return outcome;
    }

    private IntrospectionOutcome Decide(IntrospectionResponse response, VerifiedToken verified)
    {
        if (!response.Active)
        {
            IntrospectionLog.Inactive(_logger, verified.ClientId);
            return IntrospectionOutcome.Inactive;
        }

        // Defensive: the answer must describe the token that was verified. An "active" answer naming another subject
        // or client means the authority answered about something else (a mix-up or a misbehaving proxy), so it
        // proves nothing about this token and is treated as inactive. RFC 7662 makes both members optional; only a
        // present, different value counts.
        if ((response.Subject is not null && !string.Equals(response.Subject, verified.Subject, StringComparison.Ordinal))
            || (response.ClientId is not null && !string.Equals(response.ClientId, verified.ClientId, StringComparison.Ordinal)))
        {
            IntrospectionLog.IdentityMismatch(_logger, verified.ClientId);
            return IntrospectionOutcome.Inactive;
        }

        return IntrospectionOutcome.Active;
    }

    // Only answers are cached; failures never are, so the next request asks again.
    private void Remember(TokenHash key, VerifiedToken verified, IntrospectionResponse response, IntrospectionOutcome outcome)
    {
        var now = _timeProvider.GetUtcNow();
        var active = outcome == IntrospectionOutcome.Active;

        // Never beyond the token's own exp (after it the inner verifier rejects the token anyway), nor beyond the exp
        // the authority reports for an active token.
        var expiresAt = Min(
            NumericDate.AddSaturating(now, active ? _options.ActiveResultCacheDuration : _options.InactiveResultCacheDuration),
            verified.ExpiresAt);
        if (active && response.ExpiresAt is { } reportedExp)
        {
            expiresAt = Min(expiresAt, reportedExp);
        }

        _cache.Store(key, active, expiresAt, now);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string ErrorOf(Exception exception) => exception switch
    {
        AuthPlaneOAuthException oauth => oauth.Error,
        AuthPlaneAuthorityMetadataException metadata => metadata.Failure.ToString(),
        _ => exception.GetType().Name,
    };

    private static IntrospectionResultCache CreateCache(IOptions<IntrospectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new IntrospectionResultCache(options.Value.MaxCacheEntries);
    }
}
