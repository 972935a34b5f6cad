using System.Collections.Concurrent;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Imported DPoP proof keys by RFC 7638 thumbprint, so repeated proofs of one client do not re-import its
/// key. This is the hot path DESIGN §6 measures against a per-request key-import baseline: a client sends a
/// fresh proof with the same key on every request, and importing the key each time is pure overhead.
/// </summary>
/// <remarks>
/// The thumbprint covers all of the public key material, so it identifies the key exactly. Only keys whose
/// thumbprint already matched an issued token's <c>cnf.jkt</c> and whose signature verified are added, so an
/// attacker cannot fill the cache with keys of their own choosing. Bounded: once full, further keys are
/// imported per request and disposed (no eviction, so no key in use by another request is ever disposed).
/// </remarks>
internal sealed class DPoPProofKeyCache : IDisposable
{
    private readonly ConcurrentDictionary<string, DPoPProofKey> _keys = new(StringComparer.Ordinal);
    private readonly int _capacity;

    public DPoPProofKeyCache(int capacity)
    {
        _capacity = capacity;
    }

    public bool TryGet(string thumbprint, out DPoPProofKey? key) => _keys.TryGetValue(thumbprint, out key);

    /// <summary>Keeps <paramref name="key"/>; false when it was not kept (cache full or already present) and the caller still owns it.</summary>
    public bool TryAdd(string thumbprint, DPoPProofKey key) => _keys.Count < _capacity && _keys.TryAdd(thumbprint, key);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }
}
