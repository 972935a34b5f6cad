using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// A bounded in-memory cache of exchanged tokens keyed by SHA-256 of the caller's (subject) token, the target
/// resources and audiences and the scopes, so a token is never handed to another caller. Entries live until
/// <c>expires_in</c> minus <see cref="AuthPlaneClientOptions.CacheExpiryMargin"/>; responses with <c>expires_in</c> 0
/// (or a lifetime within the margin) are not cached.
/// </summary>
public sealed class ExchangedTokenCache
{
    private readonly ConcurrentDictionary<string, TokenResponse> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly AuthPlaneClientOptions _options;

    /// <summary>Creates the cache.</summary>
    public ExchangedTokenCache(TimeProvider timeProvider, IOptions<AuthPlaneClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _options = options.Value;
    }

    /// <summary>The number of entries held (expired ones included until they are purged).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Returns a cached, still-fresh token for <paramref name="request"/>, or exchanges through <paramref name="exchange"/>
    /// and caches the result when its lifetime allows.
    /// </summary>
    public async Task<TokenResponse> GetOrExchangeAsync(
        TokenExchangeRequest request,
        Func<TokenExchangeRequest, CancellationToken, Task<TokenResponse>> exchange,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentException.ThrowIfNullOrEmpty(request.SubjectToken, nameof(request));

        var key = CreateKey(request);
        var now = _timeProvider.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached))
        {
            if (IsFresh(cached, now))
            {
                return cached;
            }

            _entries.TryRemove(new KeyValuePair<string, TokenResponse>(key, cached));
        }

        var response = await exchange(request, cancellationToken).ConfigureAwait(false);
        if (IsFresh(response, _timeProvider.GetUtcNow()))
        {
            MakeRoom(now);
            _entries[key] = response;
        }

        return response;
    }

    private bool IsFresh(TokenResponse response, DateTimeOffset now) =>
        response.Lifetime > TimeSpan.Zero && response.ExpiresAt - _options.CacheExpiryMargin > now;

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _options.CacheSize)
        {
            return;
        }

        foreach (var entry in _entries)
        {
            if (!IsFresh(entry.Value, now))
            {
                _entries.TryRemove(entry);
            }
        }

        // Still full of live entries: drop the one that expires first, so the bound always holds.
        while (_entries.Count >= _options.CacheSize && !_entries.IsEmpty)
        {
            var soonest = _entries.MinBy(entry => entry.Value.ExpiresAt);
            _entries.TryRemove(soonest);
        }
    }

    private static string CreateKey(TokenExchangeRequest request)
    {
        var builder = new StringBuilder(160);
        builder.Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.SubjectToken))));
        builder.Append('\n').Append(request.SubjectTokenType);
        if (!string.IsNullOrEmpty(request.ActorToken))
        {
            builder.Append('\n').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.ActorToken))));
        }

        AppendSorted(builder, "r", request.Resources);
        AppendSorted(builder, "a", request.Audiences);
        AppendSorted(builder, "s", request.Scopes);
        builder.Append("\nt=").Append(request.RequestedTokenType);
        return builder.ToString();
    }

    private static void AppendSorted(StringBuilder builder, string label, IReadOnlyList<string> values)
    {
        builder.Append('\n').Append(label).Append('=');
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Length-prefixed so that no value can forge a separator.
            builder.Append(value.Length).Append(':').Append(value).Append(' ');
        }
    }
}
