using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
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
/// <remarks>
/// Every entry expires by itself (<c>PX</c>), so the store holds at most proof rate × window entries of about 100 bytes;
/// this cache never evicts early and so never answers <see cref="ReplayCheckResult.TooOld"/>. Run Redis with
/// <c>maxmemory-policy noeviction</c>: an evicting policy would silently forget live proofs, while a full
/// <c>noeviction</c> store refuses writes, which is answered 503 (fail closed). There is no per-key quota here: it
/// would take a script and a sorted set per key on every request for a bound Redis's own memory limit already gives,
/// and a client flooding the shared store only fills it with its own short-lived entries.
/// </remarks>
internal sealed class RedisDPoPReplayCache : IDPoPReplayCache, IAsyncDisposable, IDisposable
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
    public async ValueTask<ReplayCheckResult> TryAddAsync(DPoPReplayEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry.Thumbprint);
        ArgumentNullException.ThrowIfNull(entry.Jti);
        var ttl = entry.ExpiresAt - _time.GetUtcNow();
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
                .StringSetAsync(Key(entry), 1, ttl, When.NotExists)
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

    /// <summary>
    /// Round-trips a <c>PING</c> to the store within <see cref="RedisReplayCacheOptions.Timeout"/>: the time it took, or
    /// <see langword="null"/> when the store cannot be reached (logged). Never throws for an unreachable store.
    /// </summary>
    public async Task<TimeSpan?> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return null;
            }

            return await connection.GetDatabase().PingAsync().WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            RedisLog.Unreachable(_logger, ex);
            return null;
        }
    }

    /// <summary>The Redis key: prefix, thumbprint and the SHA-256 of the <c>jti</c> (fixed length whatever the client sends).</summary>
    internal string Key(DPoPReplayEntry entry)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(entry.Jti), digest);
        return string.Concat(_options.KeyPrefix, entry.Thumbprint, ".", Base64Url.EncodeToString(digest));
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
