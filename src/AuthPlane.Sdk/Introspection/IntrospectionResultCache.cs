using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Introspection;

/// <summary>
/// Introspection answers by token hash, each with its own expiry, in the SDK's one bounded cache
/// (<see cref="TokenHashCache{TValue}"/>): a full cache replaces its earliest-expiring answers. Keys come only from
/// tokens whose signature already verified, so an attacker cannot fill the cache with made-up tokens.
/// </summary>
internal sealed class IntrospectionResultCache(int maxEntries)
{
    private readonly TokenHashCache<bool> _entries = new(maxEntries);

    /// <summary>True when an unexpired answer is cached; <paramref name="active"/> is that answer.</summary>
    public bool TryGet(TokenHash key, DateTimeOffset now, out bool active)
    {
        var entry = _entries.Find(key, now);
        active = entry?.Value ?? false;
        return entry is not null;
    }

    /// <summary>Caches an answer until <paramref name="expiresAt"/>; does nothing when that is not after <paramref name="now"/>.</summary>
    public void Store(TokenHash key, bool active, DateTimeOffset expiresAt, DateTimeOffset now) => _entries.Store(key, active, expiresAt, now);
}
