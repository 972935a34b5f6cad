using System.Collections.Concurrent;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Introspection;

/// <summary>
/// Introspection answers by token hash, each with its own expiry. Keys come only from tokens whose signature already
/// verified, so an attacker cannot fill the cache with made-up tokens; the size is bounded anyway.
/// </summary>
internal sealed class IntrospectionResultCache(int maxEntries)
{
    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();

    /// <summary>True when an unexpired answer is cached; <paramref name="active"/> is that answer.</summary>
    public bool TryGet(TokenHash key, DateTimeOffset now, out bool active)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (now < entry.ExpiresAt)
            {
                active = entry.Active;
                return true;
            }

            // Removes this expired entry only, never a fresher one stored meanwhile.
            _entries.TryRemove(new KeyValuePair<TokenHash, Entry>(key, entry));
        }

        active = false;
        return false;
    }

    /// <summary>Caches an answer until <paramref name="expiresAt"/>; does nothing when that is not after <paramref name="now"/>.</summary>
    public void Store(TokenHash key, bool active, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now)
        {
            return;
        }

        if (_entries.Count >= maxEntries)
        {
            RemoveExpired(now);
            if (_entries.Count >= maxEntries)
            {
                return; // full of live answers: skip caching rather than evict one early
            }
        }

        _entries[key] = new Entry(active, expiresAt);
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private readonly record struct Entry(bool Active, DateTimeOffset ExpiresAt);
}
