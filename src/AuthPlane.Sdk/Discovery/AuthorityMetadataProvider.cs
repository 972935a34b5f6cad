using System.Diagnostics;
using AuthPlane.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Fetches the issuer's RFC 8414 metadata (OpenID discovery as fallback on 404), caches it for
/// <see cref="AuthorityOptions.MetadataRefreshInterval"/>, refreshes it in the background (single-flight) and keeps
/// the last good document when a refresh fails. After a failure no fetch starts before the back-off
/// (<see cref="AuthorityOptions.RetryDelay"/>, doubling up to <see cref="AuthorityOptions.MaxRetryDelay"/>) has passed.
/// </summary>
internal sealed class AuthorityMetadataProvider : IAuthorityMetadataProvider
{
    private readonly AuthorityDocumentFetcher _fetcher;
    private readonly AuthPlaneOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuthorityMetadataProvider> _logger;
    private readonly AuthorityBackoff _backoff;
    private readonly AuthPlaneMetrics? _metrics;
    private readonly Uri _issuerUri;
    private readonly Lock _gate = new();
    private Cached? _current;
    private Task<AuthorizationServerMetadata>? _inflight;
    private AuthPlaneAuthorityMetadataException? _lastFailure;
    private long _lastSuccessUtcTicks;

    public AuthorityMetadataProvider(AuthorityDocumentFetcher fetcher, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider, ILogger<AuthorityMetadataProvider> logger, AuthPlaneMetrics? metrics = null)
    {
        _fetcher = fetcher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _backoff = new AuthorityBackoff(_options.Authority);
        _metrics = metrics;
        metrics?.ObserveAuthority(AuthPlaneTelemetryTags.DocumentMetadata, () => LastSuccessfulFetch);
        _issuerUri = new Uri(_options.Issuer ?? throw new InvalidOperationException("AuthPlane:Issuer is not configured."));
    }

    /// <summary>When the metadata was last fetched successfully; null before the first success (for health reporting).</summary>
    internal DateTimeOffset? LastSuccessfulFetch
        => Volatile.Read(ref _lastSuccessUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <inheritdoc />
    public ValueTask<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        var now = _timeProvider.GetUtcNow();
        if (current is not null)
        {
            if (now >= current.RefreshAt && !_backoff.IsWaiting(now))
            {
                _ = Refresh(); // never faults: see FetchAndStoreAsync
            }

            return ValueTask.FromResult(current.Metadata);
        }

        var failure = Volatile.Read(ref _lastFailure);
        if (failure is not null && _backoff.IsWaiting(now))
        {
            return ValueTask.FromException<AuthorizationServerMetadata>(new AuthPlaneAuthorityMetadataException(failure.Failure, failure.Message, failure));
        }

        return new ValueTask<AuthorizationServerMetadata>(Refresh().WaitAsync(cancellationToken));
    }

    private Task<AuthorizationServerMetadata> Refresh()
    {
        lock (_gate)
        {
            return _inflight ??= FetchAndStoreAsync();
        }
    }

    /// <summary>
    /// Fetches and stores the metadata. With a last good document the task never faults (it answers that document),
    /// so background refreshes leave nothing unobserved; without one it faults only with
    /// <see cref="AuthPlaneAuthorityMetadataException"/>, which every caller awaits.
    /// </summary>
    private async Task<AuthorizationServerMetadata> FetchAndStoreAsync()
    {
        await Task.Yield(); // return to the caller first, so the single-flight slot is set before this can finish
        using var activity = AuthPlaneDiagnostics.ActivitySource.StartActivity("AuthPlane fetch metadata");
        activity?.SetTag(AuthPlaneTelemetryTags.Document, AuthPlaneTelemetryTags.DocumentMetadata);
        try
        {
            var metadata = await FetchAsync().ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            Volatile.Write(ref _current, new Cached(metadata, now + _options.Authority.MetadataRefreshInterval));
            Volatile.Write(ref _lastFailure, null);
            Volatile.Write(ref _lastSuccessUtcTicks, now.UtcTicks);
            _backoff.Succeeded();
            _metrics?.RecordAuthorityFetch(AuthPlaneTelemetryTags.DocumentMetadata, succeeded: true);
            activity?.SetTag(AuthPlaneTelemetryTags.Result, AuthPlaneTelemetryTags.ResultSuccess);
            return metadata;
        }
#pragma warning disable CA1031 // Any failure, expected or not, must become "keep the last good document" or the documented exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failure = ex as AuthPlaneAuthorityMetadataException
                ?? new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.Unreachable, $"The authorization server metadata could not be fetched: {ex.Message}", ex);
            var retryAt = _backoff.Failed(_timeProvider.GetUtcNow());
            _metrics?.RecordAuthorityFetch(AuthPlaneTelemetryTags.DocumentMetadata, succeeded: false);
            activity?.SetTag(AuthPlaneTelemetryTags.Result, AuthPlaneTelemetryTags.ResultFailure).SetStatus(ActivityStatusCode.Error, failure.Message);
            var previous = Volatile.Read(ref _current);
            AuthorityLog.MetadataFetchFailed(_logger, failure.Failure, failure.Message, previous is not null, new IsoTimestamp(retryAt));
            if (previous is not null)
            {
                return previous.Metadata;
            }

            Volatile.Write(ref _lastFailure, failure);
            throw failure;
        }
        finally
        {
            lock (_gate)
            {
                _inflight = null;
            }
        }
    }

    private async Task<AuthorizationServerMetadata> FetchAsync()
    {
        var url = DiscoveryUrls.OAuthMetadata(_issuerUri);
        var document = await _fetcher.FetchAsync(url, CancellationToken.None).ConfigureAwait(false);
        if (document.Status == AuthorityDocumentStatus.NotFound)
        {
            url = DiscoveryUrls.OpenIdConfiguration(_issuerUri);
            document = await _fetcher.FetchAsync(url, CancellationToken.None).ConfigureAwait(false);
        }

        if (document.Status != AuthorityDocumentStatus.Ok)
        {
            // The URL tells an operator at once whether AuthPlane:Issuer names the right host and path.
            throw new AuthPlaneAuthorityMetadataException(
                AuthorityMetadataFailure.Unreachable,
                $"The authorization server metadata could not be fetched from {url}: {document.Error}");
        }

        return AuthorizationServerMetadataParser.Parse(document.Body, _options.Issuer!, _options.DevMode);
    }

    private sealed record Cached(AuthorizationServerMetadata Metadata, DateTimeOffset RefreshAt);
}
