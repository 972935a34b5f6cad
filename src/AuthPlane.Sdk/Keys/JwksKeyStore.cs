using System.Diagnostics;
using System.Collections.Concurrent;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Keys;

/// <summary>
/// The issuer's JWKS, cached by <c>kid</c>. Lifetime from <c>Cache-Control: max-age</c> clamped to
/// [<see cref="AuthorityOptions.MinKeysLifetime"/>, <see cref="AuthorityOptions.MaxKeysLifetime"/>]; refreshed in the
/// background once 80 % of it has passed (requests never wait for that). Every trigger — that timer, an unknown
/// <c>kid</c>, a changed <c>jwks_uri</c>, missing or too old keys — goes through one refresh gate: fetches are
/// single-flight and none starts during the back-off after a failure (<see cref="AuthorityBackoff"/>); unknown-kid
/// refreshes are further limited by <see cref="AuthorityOptions.UnknownKeyRefreshInterval"/>, and kids still unknown
/// after a refresh are remembered for that interval. A failed refresh keeps the last good keys, for at most
/// <see cref="AuthorityOptions.MaxKeysAge"/> after their last successful fetch; then lookups answer
/// <see cref="KeyLookupStatus.Unavailable"/> (503) until a fetch succeeds.
/// </summary>
/// <remarks>
/// Keys that leave the set are never disposed: a request that read the previous set may still be verifying with one
/// of them. They are released by their finalizers once no request holds them.
/// </remarks>
internal sealed class JwksKeyStore : ISigningKeyStore
{
    private const int MaxRememberedUnknownKeys = 1024;

    private readonly IAuthorityMetadataProvider _metadata;
    private readonly AuthorityDocumentFetcher _fetcher;
    private readonly AuthorityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JwksKeyStore> _logger;
    private readonly AuthorityBackoff _backoff;
    private readonly AuthPlaneMetrics? _metrics;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownKeys = new(StringComparer.Ordinal);
    private KeySet? _current;
    private Task<KeySet?>? _inflight;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;
    private long _lastSuccessUtcTicks;

    public JwksKeyStore(IAuthorityMetadataProvider metadata, AuthorityDocumentFetcher fetcher, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider, ILogger<JwksKeyStore> logger, AuthPlaneMetrics? metrics = null)
    {
        _metadata = metadata;
        _fetcher = fetcher;
        _options = options.Value.Authority;
        _timeProvider = timeProvider;
        _logger = logger;
        _backoff = new AuthorityBackoff(_options);
        _metrics = metrics;
        metrics?.ObserveAuthority(AuthPlaneTelemetryTags.DocumentJwks, () => LastSuccessfulFetch);
    }

    /// <summary>Why a refresh is asked for; only <see cref="UnknownKey"/> has a rate limit of its own.</summary>
    private enum RefreshTrigger
    {
        /// <summary>No keys yet, or the last good ones are past <see cref="AuthorityOptions.MaxKeysAge"/>.</summary>
        NoUsableKeys,

        /// <summary>80 % of the set's lifetime has passed.</summary>
        Timer,

        /// <summary>The metadata now names another <c>jwks_uri</c>.</summary>
        JwksUriChanged,

        /// <summary>A token names a <c>kid</c> the set lacks.</summary>
        UnknownKey,
    }

    /// <summary>When the JWKS was last fetched successfully; null before the first success (for health reporting).</summary>
    public DateTimeOffset? LastSuccessfulFetch
        => Volatile.Read(ref _lastSuccessUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <inheritdoc />
    public SigningKeyStoreStatus Status
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            var current = UsableSet(now);
            return current is null ? SigningKeyStoreStatus.Unavailable
                : now >= current.ExpiresAt ? SigningKeyStoreStatus.Stale
                : SigningKeyStoreStatus.Fresh;
        }
    }

    /// <inheritdoc />
    public async ValueTask<SigningKeyStoreStatus> LoadAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var current = UsableSet(now);
        if (current is null || now >= current.RefreshAt)
        {
            var refresh = RequestRefresh(current is null ? RefreshTrigger.NoUsableKeys : RefreshTrigger.Timer, now);
            if (refresh is not null)
            {
                await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Status;
    }

    /// <inheritdoc />
    /// <remarks>Also the timer trigger for traffic served from the token cache alone, so a withdrawn key is noticed.</remarks>
    public bool IsCurrent(SigningKey key)
    {
        var now = _timeProvider.GetUtcNow();
        var current = UsableSet(now);
        if (current is null)
        {
            return false;
        }

        if (now >= current.RefreshAt)
        {
            _ = RequestRefresh(RefreshTrigger.Timer, now);
        }

        return current.Contains(key);
    }

    /// <inheritdoc />
    public async ValueTask<KeyLookupResult> FindAsync(string keyId, JwsAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var current = UsableSet(now);
        if (current is null)
        {
            var refresh = RequestRefresh(RefreshTrigger.NoUsableKeys, now);
            current = refresh is null ? null : await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (current is null || UsableSet(_timeProvider.GetUtcNow()) is null)
            {
                return new KeyLookupResult(KeyLookupStatus.Unavailable, null);
            }

            // The set was fetched for this very request: a miss in it needs no second fetch.
            var first = current.Find(keyId, algorithm);
            return first.Status == KeyLookupStatus.Unknown ? Remember(keyId, now) : first;
        }

        if (now >= current.RefreshAt)
        {
            _ = RequestRefresh(RefreshTrigger.Timer, now);
        }
        else if (!await IsCurrentSourceAsync(current, cancellationToken).ConfigureAwait(false))
        {
            _ = RequestRefresh(RefreshTrigger.JwksUriChanged, now);
        }

        var found = current.Find(keyId, algorithm);
        if (found.Status != KeyLookupStatus.Unknown)
        {
            return found;
        }

        return await FindAfterRefreshAsync(keyId, algorithm, current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current set, unless there is none or it is past <see cref="AuthorityOptions.MaxKeysAge"/>.</summary>
    private KeySet? UsableSet(DateTimeOffset now)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && now.UtcTicks - Volatile.Read(ref _lastSuccessUtcTicks) <= _options.MaxKeysAge.Ticks ? current : null;
    }

    private async ValueTask<KeyLookupResult> FindAfterRefreshAsync(string keyId, JwsAlgorithm algorithm, KeySet seen, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_unknownKeys.TryGetValue(keyId, out var rememberedUntil) && now < rememberedUntil)
        {
            return new KeyLookupResult(KeyLookupStatus.Unknown, null);
        }

        // A refresh started by another trigger may have fetched the JWKS before this key was published, so joining
        // one does not use up this miss's own, rate-limited, refresh.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var newer = Volatile.Read(ref _current);
            if (newer is not null && !ReferenceEquals(newer, seen))
            {
                var inNewer = newer.Find(keyId, algorithm);
                if (inNewer.Status != KeyLookupStatus.Unknown)
                {
                    return inNewer;
                }

                seen = newer;
            }

            var joined = Volatile.Read(ref _inflight);
            var refresh = joined ?? RequestRefresh(RefreshTrigger.UnknownKey, now);
            if (refresh is null)
            {
                return Remember(keyId, now); // rate-limited or backing off
            }

            seen = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false) ?? seen;
            var result = seen.Find(keyId, algorithm);
            if (result.Status != KeyLookupStatus.Unknown || joined is null)
            {
                return result.Status == KeyLookupStatus.Unknown ? Remember(keyId, _timeProvider.GetUtcNow()) : result;
            }
        }

        return Remember(keyId, now);
    }

    private KeyLookupResult Remember(string keyId, DateTimeOffset now)
    {
        if (_unknownKeys.Count >= MaxRememberedUnknownKeys)
        {
            foreach (var (id, until) in _unknownKeys)
            {
                if (until <= now)
                {
                    _unknownKeys.TryRemove(id, out _);
                }
            }
        }

        if (_unknownKeys.Count < MaxRememberedUnknownKeys)
        {
            _unknownKeys[keyId] = now + _options.UnknownKeyRefreshInterval;
        }

        return new KeyLookupResult(KeyLookupStatus.Unknown, null);
    }

    private async ValueTask<bool> IsCurrentSourceAsync(KeySet current, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await _metadata.GetAsync(cancellationToken).ConfigureAwait(false);
            return metadata.JwksUri == current.Source;
        }
        catch (AuthPlaneAuthorityMetadataException)
        {
            return true; // keep using the last good keys while metadata cannot be had
        }
    }

    /// <summary>
    /// The one refresh gate: joins the fetch in flight, else starts one unless backing off after a failure (or, for an
    /// unknown kid, within <see cref="AuthorityOptions.UnknownKeyRefreshInterval"/> of the last such refresh). Null
    /// when no fetch may start. The returned task never faults, so callers may leave it unobserved.
    /// </summary>
    private Task<KeySet?>? RequestRefresh(RefreshTrigger trigger, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_inflight is { } inflight)
            {
                return inflight;
            }

            if (_backoff.IsWaiting(now))
            {
                return null;
            }

            if (trigger == RefreshTrigger.UnknownKey)
            {
                if (now - _lastUnknownKeyRefresh < _options.UnknownKeyRefreshInterval)
                {
                    return null;
                }

                _lastUnknownKeyRefresh = now;
            }

            var fetch = FetchAndStoreAsync();
            Volatile.Write(ref _inflight, fetch);
            return fetch;
        }
    }

    private async Task<KeySet?> FetchAndStoreAsync()
    {
        await Task.Yield(); // return to the caller first, so the single-flight slot is set before this can finish
        using var activity = AuthPlaneDiagnostics.ActivitySource.StartActivity("AuthPlane fetch JWKS");
        activity?.SetTag(AuthPlaneTelemetryTags.Document, AuthPlaneTelemetryTags.DocumentJwks);
        var previous = Volatile.Read(ref _current);
        Uri? jwksUri = null;
        try
        {
            var metadata = await _metadata.GetAsync(CancellationToken.None).ConfigureAwait(false);
            jwksUri = metadata.JwksUri;
            var document = await _fetcher.FetchAsync(jwksUri, CancellationToken.None).ConfigureAwait(false);
            if (document.Status != AuthorityDocumentStatus.Ok)
            {
                return Failed(previous, jwksUri, document.Error ?? "unknown error");
            }

            if (!JsonWebKeySetParser.TryParse(document.Body, previous, out var keys))
            {
                return Failed(previous, jwksUri, "The response is not a JWKS document.");
            }

            var now = _timeProvider.GetUtcNow();
            var lifetime = Clamp(document.MaxAge ?? _options.MaxKeysLifetime);
            var next = new KeySet(keys, jwksUri, now + (lifetime * 0.8), now + lifetime);
            Volatile.Write(ref _lastSuccessUtcTicks, now.UtcTicks);
            Volatile.Write(ref _current, next);
            _backoff.Succeeded();
            _metrics?.RecordAuthorityFetch(AuthPlaneTelemetryTags.DocumentJwks, succeeded: true);
            activity?.SetTag(AuthPlaneTelemetryTags.Result, AuthPlaneTelemetryTags.ResultSuccess);
            AuthorityLog.KeysRefreshed(_logger, jwksUri, keys.Count, new IsoTimestamp(next.RefreshAt));
            return next;
        }
#pragma warning disable CA1031 // This task is left unobserved by background triggers: every failure must become "keep the last good keys".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(previous, jwksUri, ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                Volatile.Write(ref _inflight, null);
            }
        }
    }

    private KeySet? Failed(KeySet? previous, Uri? jwksUri, string detail)
    {
        var retryAt = _backoff.Failed(_timeProvider.GetUtcNow());
        _metrics?.RecordAuthorityFetch(AuthPlaneTelemetryTags.DocumentJwks, succeeded: false);
        Activity.Current?.SetTag(AuthPlaneTelemetryTags.Result, AuthPlaneTelemetryTags.ResultFailure).SetStatus(ActivityStatusCode.Error, detail);
        var source = jwksUri?.ToString() ?? "(jwks_uri unknown: the authority's metadata could not be fetched)";
        AuthorityLog.KeysFetchFailed(_logger, source, detail, previous is not null, new IsoTimestamp(retryAt));
        return previous;
    }

    private TimeSpan Clamp(TimeSpan lifetime)
        => lifetime < _options.MinKeysLifetime ? _options.MinKeysLifetime
            : lifetime > _options.MaxKeysLifetime ? _options.MaxKeysLifetime
            : lifetime;
}
