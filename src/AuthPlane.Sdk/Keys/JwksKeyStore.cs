using System.Collections.Concurrent;
using AuthPlane.Sdk.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Keys;

/// <summary>
/// The issuer's JWKS, cached by <c>kid</c>. Lifetime from <c>Cache-Control: max-age</c> clamped to
/// [<see cref="AuthorityOptions.MinKeysLifetime"/>, <see cref="AuthorityOptions.MaxKeysLifetime"/>]; refreshed in the
/// background once 80 % of it has passed (requests never wait for that). An unknown <c>kid</c> causes at most one
/// refresh: fetches are single-flight, unknown-kid refreshes are rate-limited by
/// <see cref="AuthorityOptions.UnknownKeyRefreshInterval"/>, and kids still unknown after a refresh are remembered for
/// that interval. A failed refresh keeps the last good keys. When the metadata's <c>jwks_uri</c> changes, the next
/// lookup refreshes from the new URI.
/// </summary>
internal sealed class JwksKeyStore : ISigningKeyStore, IDisposable
{
    private const int MaxRememberedUnknownKeys = 1024;

    private readonly IAuthorityMetadataProvider _metadata;
    private readonly AuthorityDocumentFetcher _fetcher;
    private readonly AuthorityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JwksKeyStore> _logger;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownKeys = new(StringComparer.Ordinal);
    private KeySet? _current;
    private List<SigningKey> _retired = [];
    private Task<KeySet?>? _inflight;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;
    private long _retryAtUtcTicks; // DateTimeOffset is not written atomically; ticks are, via Volatile

    public JwksKeyStore(IAuthorityMetadataProvider metadata, AuthorityDocumentFetcher fetcher, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider, ILogger<JwksKeyStore> logger)
    {
        _metadata = metadata;
        _fetcher = fetcher;
        _options = options.Value.Authority;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<KeyLookupResult> FindAsync(string keyId, JwsAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        var now = _timeProvider.GetUtcNow();
        if (current is null)
        {
            if (now.UtcTicks < Volatile.Read(ref _retryAtUtcTicks))
            {
                return new KeyLookupResult(KeyLookupStatus.Unavailable, null);
            }

            current = await Refresh().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new KeyLookupResult(KeyLookupStatus.Unavailable, null);
            }

            // The set was fetched for this very request: a miss in it needs no second fetch.
            var first = current.Find(keyId, algorithm);
            return first.Status == KeyLookupStatus.Unknown ? Remember(keyId, now) : first;
        }
        else if (now >= current.RefreshAt && now.UtcTicks >= Volatile.Read(ref _retryAtUtcTicks))
        {
            _ = Refresh();
        }
        else if (!await IsCurrentSourceAsync(current, cancellationToken).ConfigureAwait(false))
        {
            _ = Refresh();
        }

        var found = current.Find(keyId, algorithm);
        if (found.Status != KeyLookupStatus.Unknown)
        {
            return found;
        }

        return await FindAfterRefreshAsync(keyId, algorithm, current, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _retired)
            {
                key.Dispose();
            }

            foreach (var key in _current?.AllKeys ?? [])
            {
                key.Dispose();
            }

            _retired = [];
            _current = null;
        }
    }

    private async ValueTask<KeyLookupResult> FindAfterRefreshAsync(string keyId, JwsAlgorithm algorithm, KeySet seen, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_unknownKeys.TryGetValue(keyId, out var rememberedUntil) && now < rememberedUntil)
        {
            return new KeyLookupResult(KeyLookupStatus.Unknown, null);
        }

        // A refresh started by someone else (another miss, expiry, a new jwks_uri) may have fetched the JWKS before
        // this key was published, so joining one does not use up this miss's own, rate-limited, refresh.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Task<KeySet?> refresh;
            var own = false;
            lock (_gate)
            {
                if (_inflight is { } inflight)
                {
                    refresh = inflight;
                }
                else if (!ReferenceEquals(_current, seen) && _current is { } newer)
                {
                    var inNewer = newer.Find(keyId, algorithm);
                    if (inNewer.Status != KeyLookupStatus.Unknown)
                    {
                        return inNewer;
                    }

                    seen = newer;
                    continue;
                }
                else if (now - _lastUnknownKeyRefresh < _options.UnknownKeyRefreshInterval)
                {
                    return Remember(keyId, now);
                }
                else
                {
                    _lastUnknownKeyRefresh = now;
                    refresh = _inflight = FetchAndStoreAsync();
                    own = true;
                }
            }

            seen = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false) ?? seen;
            var result = seen.Find(keyId, algorithm);
            if (result.Status != KeyLookupStatus.Unknown || own)
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
        catch (AuthorityMetadataException)
        {
            return true; // keep using the last good keys while metadata cannot be had
        }
    }

    private Task<KeySet?> Refresh()
    {
        lock (_gate)
        {
            return _inflight ??= FetchAndStoreAsync();
        }
    }

    private async Task<KeySet?> FetchAndStoreAsync()
    {
        await Task.Yield(); // return to the caller first, so the single-flight slot is set before this can finish
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
            Store(previous, next);
            AuthorityLog.KeysRefreshed(_logger, jwksUri, keys.Count, next.RefreshAt);
            return next;
        }
        catch (AuthorityMetadataException ex)
        {
            return Failed(previous, jwksUri, ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                _inflight = null;
            }
        }
    }

    private KeySet? Failed(KeySet? previous, Uri? jwksUri, string detail)
    {
        Volatile.Write(ref _retryAtUtcTicks, (_timeProvider.GetUtcNow() + AuthorityMetadataProvider.RetryDelayAfterFailure).UtcTicks);
        AuthorityLog.KeysFetchFailed(_logger, jwksUri, detail, previous is not null);
        return previous;
    }

    // Keys dropped from the set are disposed one refresh later, not at once: a request that read the previous
    // set may still be verifying with one of them, and refreshes are at least MinKeysLifetime apart in steady state.
    private void Store(KeySet? previous, KeySet next)
    {
        lock (_gate)
        {
            foreach (var key in _retired)
            {
                key.Dispose();
            }

            var kept = new HashSet<SigningKey>(next.AllKeys, ReferenceEqualityComparer.Instance);
            _retired = previous is null ? [] : [.. previous.AllKeys.Where(key => !kept.Contains(key))];
            Volatile.Write(ref _current, next);
        }
    }

    private TimeSpan Clamp(TimeSpan lifetime)
        => lifetime < _options.MinKeysLifetime ? _options.MinKeysLifetime
            : lifetime > _options.MaxKeysLifetime ? _options.MaxKeysLifetime
            : lifetime;
}
