using AuthPlane.Sdk.DPoP;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthPlane.Sdk.Redis;

/// <summary>
/// DPoP replay cache shared by every instance of a resource server, on Redis: each proof key is stored with
/// <c>SET key 1 NX PX ttl</c>, which is atomic, so exactly one instance accepts a given proof. A store that
/// cannot be reached answers <see cref="ReplayCheckResult.Unavailable"/> (never an exception), which the
/// verifier turns into 503 unless fail-open is configured.
/// </summary>
public sealed class RedisDPoPReplayCache : IDPoPReplayCache, IAsyncDisposable, IDisposable
{
    private readonly RedisReplayCacheOptions _options;
    private readonly ConfigurationOptions _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _connection;
    private bool _disposed;

    /// <summary>Creates the cache; the connection is opened on first use.</summary>
    public RedisDPoPReplayCache(IOptions<RedisReplayCacheOptions> options, TimeProvider time, ILogger<RedisDPoPReplayCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new OptionsValidationException(
                nameof(RedisReplayCacheOptions.ConnectionString),
                typeof(RedisReplayCacheOptions),
                ["The Redis DPoP replay cache needs a connection string: pass it to AddAuthPlaneRedisReplayCache (for example \"redis:6379\")."]);
        }

        // Parsed now so a malformed connection string fails at start-up, not on the request path.
        _configuration = ConfigurationOptions.Parse(_options.ConnectionString);
        var timeout = (int)_options.Timeout.TotalMilliseconds;
        _configuration.AbortOnConnectFail = false; // keeps reconnecting in the background after an outage
        _configuration.ConnectTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        _configuration.AsyncTimeout = timeout;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<ReplayCheckResult> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ttl = expiresAt - _time.GetUtcNow();
        if (ttl < TimeSpan.FromMilliseconds(1))
        {
            ttl = TimeSpan.FromMilliseconds(1);
        }

        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return ReplayCheckResult.Unavailable;
            }

            var added = await connection.GetDatabase()
                .StringSetAsync(_options.KeyPrefix + key, 1, ttl, When.NotExists)
                .WaitAsync(_options.Timeout, cancellationToken)
                .ConfigureAwait(false);
            return added ? ReplayCheckResult.Added : ReplayCheckResult.Replayed;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            RedisLog.Unreachable(_logger, ex);
            return ReplayCheckResult.Unavailable;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connectLock.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection?.Dispose();
        _connectLock.Dispose();
    }

    private async ValueTask<ConnectionMultiplexer?> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _connection) is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not null)
            {
                return _connection;
            }

            var connection = await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
