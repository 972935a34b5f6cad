using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Fetches the issuer's RFC 8414 metadata (OpenID discovery as fallback on 404), caches it for
/// <see cref="AuthorityOptions.MetadataRefreshInterval"/>, refreshes it in the background (single-flight) and keeps
/// the last good document when a refresh fails.
/// </summary>
internal sealed class AuthorityMetadataProvider : IAuthorityMetadataProvider
{
    /// <summary>Least time between two attempts after a failed fetch, so a down authority is not hammered.</summary>
    internal static readonly TimeSpan RetryDelayAfterFailure = TimeSpan.FromSeconds(5);

    private readonly AuthorityDocumentFetcher _fetcher;
    private readonly AuthPlaneOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuthorityMetadataProvider> _logger;
    private readonly Uri _issuerUri;
    private readonly Lock _gate = new();
    private Cached? _current;
    private Task<AuthorizationServerMetadata>? _inflight;
    private AuthorityMetadataException? _lastFailure;
    private long _retryAtUtcTicks; // DateTimeOffset is not written atomically; ticks are, via Volatile

    public AuthorityMetadataProvider(AuthorityDocumentFetcher fetcher, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider, ILogger<AuthorityMetadataProvider> logger)
    {
        _fetcher = fetcher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _issuerUri = new Uri(_options.Issuer ?? throw new InvalidOperationException("AuthPlane:Issuer is not configured."));
    }

    /// <inheritdoc />
    public ValueTask<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        var now = _timeProvider.GetUtcNow();
        if (current is not null)
        {
            if (now >= current.RefreshAt)
            {
                _ = RefreshInBackgroundAsync();
            }

            return ValueTask.FromResult(current.Metadata);
        }

        var failure = Volatile.Read(ref _lastFailure);
        if (failure is not null && now.UtcTicks < Volatile.Read(ref _retryAtUtcTicks))
        {
            return ValueTask.FromException<AuthorizationServerMetadata>(new AuthorityMetadataException(failure.Failure, failure.Message, failure));
        }

        return new ValueTask<AuthorizationServerMetadata>(Refresh().WaitAsync(cancellationToken));
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await Refresh().ConfigureAwait(false);
        }
        catch (AuthorityMetadataException)
        {
            // Already logged; the last good document stays in use.
        }
    }

    private Task<AuthorizationServerMetadata> Refresh()
    {
        lock (_gate)
        {
            return _inflight ??= FetchAndStoreAsync();
        }
    }

    private async Task<AuthorizationServerMetadata> FetchAndStoreAsync()
    {
        await Task.Yield(); // return to the caller first, so the single-flight slot is set before this can finish
        try
        {
            var metadata = await FetchAsync().ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            Volatile.Write(ref _current, new Cached(metadata, now + _options.Authority.MetadataRefreshInterval));
            Volatile.Write(ref _lastFailure, null);
            return metadata;
        }
        catch (AuthorityMetadataException ex)
        {
            var now = _timeProvider.GetUtcNow();
            var previous = Volatile.Read(ref _current);
            AuthorityLog.MetadataFetchFailed(_logger, ex.Failure, ex.Message, previous is not null);
            if (previous is not null)
            {
                Volatile.Write(ref _current, new Cached(previous.Metadata, now + RetryDelayAfterFailure));
                return previous.Metadata;
            }

            Volatile.Write(ref _retryAtUtcTicks, (now + RetryDelayAfterFailure).UtcTicks);
            Volatile.Write(ref _lastFailure, ex);
            throw;
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
        var document = await _fetcher.FetchAsync(DiscoveryUrls.OAuthMetadata(_issuerUri), CancellationToken.None).ConfigureAwait(false);
        if (document.Status == AuthorityDocumentStatus.NotFound)
        {
            document = await _fetcher.FetchAsync(DiscoveryUrls.OpenIdConfiguration(_issuerUri), CancellationToken.None).ConfigureAwait(false);
        }

        if (document.Status != AuthorityDocumentStatus.Ok)
        {
            throw new AuthorityMetadataException(
                AuthorityMetadataFailure.Unreachable,
                $"The authorization server metadata could not be fetched: {document.Error}");
        }

        return AuthorizationServerMetadataParser.Parse(document.Body, _options.Issuer!, _options.DevMode);
    }

    private sealed record Cached(AuthorizationServerMetadata Metadata, DateTimeOffset RefreshAt);
}
