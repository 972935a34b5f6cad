using System.Security.Cryptography;
using System.Text;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// A bounded in-memory cache of exchanged tokens keyed by SHA-256 of the caller's (subject) token, the target
/// resources and audiences and the scopes, so a token is never handed to another caller. Entries live until
/// <c>expires_in</c> minus <see cref="AuthPlaneClientOptions.CacheExpiryMargin"/>; responses with <c>expires_in</c> 0
/// (or a lifetime within the margin) are not cached. At most <see cref="AuthPlaneClientOptions.CacheSize"/> entries, in
/// the SDK's one bounded cache (<see cref="TokenHashCache{TValue}"/>): a full cache replaces its earliest-expiring
/// entries without scanning.
/// </summary>
internal sealed class ExchangedTokenCache
{
    private readonly TokenHashCache<TokenResponse> _entries;
    private readonly TimeProvider _timeProvider;
    private readonly AuthPlaneClientOptions _options;

    /// <summary>Creates the cache.</summary>
    public ExchangedTokenCache(TimeProvider timeProvider, IOptions<AuthPlaneClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _options = options.Value;
        _entries = new TokenHashCache<TokenResponse>(_options.CacheSize);
    }

    /// <summary>The number of entries held (expired ones included until they are replaced).</summary>
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

        var key = TokenHash.Of(CreateKey(request));
        if (_entries.Find(key, _timeProvider.GetUtcNow()) is { } cached)
        {
            return cached.Value;
        }

        var response = await exchange(request, cancellationToken).ConfigureAwait(false);
        if (response.Lifetime > TimeSpan.Zero)
        {
            _entries.Store(key, response, response.ExpiresAt - _options.CacheExpiryMargin, _timeProvider.GetUtcNow());
        }

        return response;
    }

    /// <summary>The canonical text of everything that makes two exchanges equal; hashed into the cache key.</summary>
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
