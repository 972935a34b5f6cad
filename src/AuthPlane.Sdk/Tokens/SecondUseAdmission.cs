using System.Numerics;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Decides which verified access tokens enter the token cache: a token is cached at its second use, not its first.
/// A fixed array of hash tags, allocated once, remembers which valid tokens were seen once lately.
/// </summary>
/// <remarks>
/// A cached token costs a few kilobytes that live until it expires or is evicted, long enough to reach generation 2.
/// Caching every token on first sight made a stream of never-seen tokens (one-shot clients, a token per request, a
/// client holding many valid tokens) fill the cache with entries that were never read again and died in generation
/// 2, so the server paid full collections that a stateless validator never pays, and those entries evicted the
/// tokens of clients that reuse theirs. Here a token used once is verified and answered, and everything it allocated
/// dies young; a token used again costs one more signature check and is then served from the cache. The array holds
/// 8 to 16 bytes per cache entry (a power of two of slots), takes no lock, and a race between two threads only makes a token cached one use earlier
/// or later. Only tokens that passed every check are remembered, so rejected input cannot displace anything.
/// </remarks>
internal sealed class SecondUseAdmission
{
    private readonly ulong[] _seen;
    private readonly ulong _mask;

    /// <summary>Creates the doorkeeper for a cache of <paramref name="cacheCapacity"/> entries.</summary>
    public SecondUseAdmission(int cacheCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 1);
        // A power of two at least the cache's size (so the slot is a mask), at most 2^22 slots (32 MiB).
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(cacheCapacity, 64, 1 << 22));
        _seen = new ulong[slots];
        _mask = (ulong)slots - 1;
    }

    /// <summary>
    /// True when the valid token <paramref name="hash"/> was seen before (cache it now); otherwise remembers it and
    /// answers false.
    /// </summary>
    public bool AdmitAfterFirstUse(TokenHash hash)
    {
        var slot = (int)(hash.Part1 & _mask);
        var tag = hash.Part0 | 1; // never 0, the empty slot
        if (Volatile.Read(ref _seen[slot]) == tag)
        {
            return true;
        }

        Volatile.Write(ref _seen[slot], tag);
        return false;
    }
}
