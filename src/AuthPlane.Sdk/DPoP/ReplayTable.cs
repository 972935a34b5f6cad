using System.Collections.Concurrent;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// The storage of the in-memory replay cache: proofs by the SHA-256 of (key thumbprint, <c>jti</c>) in a fixed array of
/// 64-bit slot words allocated once, with side arrays for each proof's times and key, and a dictionary for the few
/// proofs whose four candidate slots are all taken. A proof in a slot is no object of its own, so the proofs of a busy
/// window (kept 330 s) do not die in the garbage collector's oldest generation, and no insert takes a lock: slots are
/// claimed, published and freed by compare-and-swap.
/// </summary>
/// <remarks>
/// <para>
/// Exactly once: a proof can be in one of four slots or in the overflow dictionary. An insert claims one place, marked
/// pending, then (after a full fence) looks at all the others, and withdraws when it sees the same proof there. Of two
/// concurrent inserts of one proof each writes its place before it reads the other's, so at least one sees the other:
/// at most one succeeds (both may withdraw, which refuses a proof and never accepts one twice).
/// </para>
/// <para>
/// A slot word is a pending bit, a 40-bit tag of the proof and a 23-bit generation that every claim of the slot bumps,
/// so a remover comparing the whole word never frees a later occupant of the slot (no ABA). Two proofs with the same
/// tag in one slot would read as a replay: with 40 bits that is about one refusal in 2^38 inserts, and fails closed.
/// </para>
/// </remarks>
/// <typeparam name="TOwner">What each proof is counted against (its key's quota).</typeparam>
internal sealed class ReplayTable<TOwner>
    where TOwner : class
{
    /// <summary>Candidate slots per proof.</summary>
    public const int Choices = 4;

    private const ulong PendingBit = 1UL << 63;
    private const int GenerationBits = 23;
    private const ulong GenerationMask = (1UL << GenerationBits) - 1;
    private const ulong TagMask = ~(PendingBit | GenerationMask);

    private readonly ulong[] _words;
    private readonly long[] _issuedAt;
    private readonly long[] _expiresAtTicks;
    private readonly TOwner?[] _owners;
    private readonly ulong _mask;
    private readonly ConcurrentDictionary<TokenHash, Stamp> _overflow = new();

    /// <summary>Creates the table for at most <paramref name="capacity"/> proofs (twice as many slots, a power of two).</summary>
    public ReplayTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity * 2L, 16, 1 << 30));
        _words = new ulong[slots];
        _issuedAt = new long[slots];
        _expiresAtTicks = new long[slots];
        _owners = new TOwner?[slots];
        _mask = (ulong)slots - 1;
    }

    /// <summary>
    /// Whether the proof <paramref name="id"/> is held: <see cref="ReplayLookup.Published"/> with its
    /// <paramref name="place"/>, <see cref="ReplayLookup.Pending"/> while another insert of it is under way, or absent.
    /// </summary>
    public ReplayLookup Find(TokenHash id, out ReplayPlace<TOwner> place)
    {
        var tag = TagOf(id);
        while (true)
        {
            var changed = false;
            for (var choice = 0; choice < Choices; choice++)
            {
                var slot = SlotOf(id, choice);
                var word = Volatile.Read(ref _words[slot]);
                if ((word & TagMask) != tag)
                {
                    continue;
                }

                if ((word & PendingBit) != 0)
                {
                    place = default;
                    return ReplayLookup.Pending;
                }

                if (TryReadSlot(slot, word, out place))
                {
                    return ReplayLookup.Published;
                }

                changed = true; // freed or reclaimed while read: look again
                break;
            }

            if (changed)
            {
                continue;
            }

            if (_overflow.TryGetValue(id, out var stamp))
            {
                place = Overflowed(id, stamp);
                return stamp.Pending ? ReplayLookup.Pending : ReplayLookup.Published;
            }

            place = default;
            return ReplayLookup.Absent;
        }
    }

    /// <summary>
    /// Claims a place for the proof <paramref name="id"/>, pending until <see cref="Publish"/>; false when the proof is
    /// already in the overflow dictionary.
    /// </summary>
    public bool TryClaim(TokenHash id, long issuedAt, long expiresAtTicks, TOwner owner, out ReplayPlace<TOwner> place)
    {
        var tag = TagOf(id);
        for (var choice = 0; choice < Choices; choice++)
        {
            var slot = SlotOf(id, choice);
            var word = Volatile.Read(ref _words[slot]);
            if ((word & TagMask) != 0)
            {
                continue;
            }

            var claimed = PendingBit | tag | (((word & GenerationMask) + 1) & GenerationMask);
            if (Interlocked.CompareExchange(ref _words[slot], claimed, word) == word)
            {
                // Only this claimant writes the side arrays while the slot is pending; readers wait for the publication.
                _issuedAt[slot] = issuedAt;
                _expiresAtTicks[slot] = expiresAtTicks;
                _owners[slot] = owner;
                place = new ReplayPlace<TOwner>(slot, claimed, id, issuedAt, expiresAtTicks, owner);
                return true;
            }
        }

        var stamp = new Stamp(issuedAt, expiresAtTicks, owner, Pending: true);
        place = new ReplayPlace<TOwner>(-1, 0, id, issuedAt, expiresAtTicks, owner);
        return _overflow.TryAdd(id, stamp);
    }

    /// <summary>True when the proof of <paramref name="claimed"/> is also in another place (a concurrent insert of it).</summary>
    public bool SeenElsewhere(ReplayPlace<TOwner> claimed)
    {
        // A full fence between this insert's claim (a write) and the reads below: see the class remarks.
        Interlocked.MemoryBarrier();
        var tag = TagOf(claimed.Id);
        for (var choice = 0; choice < Choices; choice++)
        {
            var slot = SlotOf(claimed.Id, choice);
            if (slot != claimed.Slot && (Volatile.Read(ref _words[slot]) & TagMask) == tag)
            {
                return true;
            }
        }

        return !claimed.IsOverflow && _overflow.ContainsKey(claimed.Id);
    }

    /// <summary>Gives up a pending claim of this insert.</summary>
    public void Withdraw(ReplayPlace<TOwner> claimed)
    {
        if (claimed.IsOverflow)
        {
            _overflow.TryRemove(new KeyValuePair<TokenHash, Stamp>(claimed.Id, claimed.ToStamp(pending: true)));
        }
        else
        {
            Volatile.Write(ref _words[claimed.Slot], claimed.Word & GenerationMask);
        }
    }

    /// <summary>Makes a pending claim visible to <see cref="Collect"/> and removers; returns the published place.</summary>
    public ReplayPlace<TOwner> Publish(ReplayPlace<TOwner> claimed)
    {
        if (claimed.IsOverflow)
        {
            _overflow.TryUpdate(claimed.Id, claimed.ToStamp(pending: false), claimed.ToStamp(pending: true));
            return claimed;
        }

        var published = claimed.Word & ~PendingBit;
        Volatile.Write(ref _words[claimed.Slot], published); // after the side arrays: a reader of the word sees them
        return claimed with { Word = published };
    }

    /// <summary>Removes the published proof of <paramref name="place"/> unless it is gone already; true when this call removed it.</summary>
    public bool TryRemove(ReplayPlace<TOwner> place)
    {
        if (place.IsOverflow)
        {
            return _overflow.TryRemove(new KeyValuePair<TokenHash, Stamp>(place.Id, place.ToStamp(pending: false)));
        }

        // The side arrays keep the old values until the next claimant overwrites them (the next claim bumps the word).
        return Interlocked.CompareExchange(ref _words[place.Slot], place.Word & GenerationMask, place.Word) == place.Word;
    }

    /// <summary>Adds every published proof that <paramref name="include"/> selects to <paramref name="into"/>.</summary>
    public void Collect(List<ReplayPlace<TOwner>> into, Func<ReplayPlace<TOwner>, bool> include)
    {
        for (var slot = 0; slot < _words.Length; slot++)
        {
            var word = Volatile.Read(ref _words[slot]);
            if ((word & TagMask) != 0 && (word & PendingBit) == 0 && TryReadSlot(slot, word, out var place) && include(place))
            {
                into.Add(place);
            }
        }

        foreach (var pair in _overflow)
        {
            if (!pair.Value.Pending)
            {
                var place = Overflowed(pair.Key, pair.Value);
                if (include(place))
                {
                    into.Add(place);
                }
            }
        }
    }

    // The side arrays of a published word; false when the slot changed while they were read (a seqlock-style check:
    // every claim bumps the word's generation, and only a claimant writes the side arrays, before it publishes).
    private bool TryReadSlot(int slot, ulong word, out ReplayPlace<TOwner> place)
    {
        var issuedAt = Volatile.Read(ref _issuedAt[slot]);
        var expiresAt = Volatile.Read(ref _expiresAtTicks[slot]);
        var owner = Volatile.Read(ref _owners[slot]);
        if (Volatile.Read(ref _words[slot]) != word || owner is null)
        {
            place = default;
            return false;
        }

        place = new ReplayPlace<TOwner>(slot, word, default, issuedAt, expiresAt, owner);
        return true;
    }

    private static ReplayPlace<TOwner> Overflowed(TokenHash id, Stamp stamp) =>
        new(-1, 0, id, stamp.IssuedAt, stamp.ExpiresAtTicks, stamp.Owner);

    private static ulong TagOf(TokenHash id) => (id.Part0 & TagMask) | (1UL << GenerationBits); // never 0

    private int SlotOf(TokenHash id, int choice) => (int)((choice switch
    {
        0 => id.Part1,
        1 => id.Part1 >> 32,
        2 => id.Part2,
        _ => id.Part2 >> 32,
    }) & _mask);

    /// <summary>An overflowed proof as stored (a record struct, so a remover compares the whole value).</summary>
    internal readonly record struct Stamp(long IssuedAt, long ExpiresAtTicks, TOwner Owner, bool Pending);
}

/// <summary>What <see cref="ReplayTable{TOwner}.Find"/> found.</summary>
internal enum ReplayLookup
{
    /// <summary>The proof is not held.</summary>
    Absent,

    /// <summary>Another insert of the proof is under way.</summary>
    Pending,

    /// <summary>The proof is held.</summary>
    Published,
}

/// <summary>Where a proof is held (a slot and its word, or the overflow dictionary's key), with its times and owner.</summary>
/// <param name="Slot">The slot, or -1 in the overflow dictionary.</param>
/// <param name="Word">The slot word as read or written (generation included), 0 for the overflow dictionary.</param>
/// <param name="Id">The proof's identity (set for the overflow dictionary, where it is the key).</param>
/// <param name="IssuedAt">The proof's <c>iat</c>, Unix seconds.</param>
/// <param name="ExpiresAtTicks">When the entry expires, UTC ticks.</param>
/// <param name="Owner">What the proof is counted against.</param>
/// <typeparam name="TOwner">The owner type.</typeparam>
internal readonly record struct ReplayPlace<TOwner>(int Slot, ulong Word, TokenHash Id, long IssuedAt, long ExpiresAtTicks, TOwner Owner)
    where TOwner : class
{
    /// <summary>True when the proof is in the overflow dictionary.</summary>
    public bool IsOverflow => Slot < 0;

    /// <summary>The overflow dictionary's value for this proof.</summary>
    internal ReplayTable<TOwner>.Stamp ToStamp(bool pending) => new(IssuedAt, ExpiresAtTicks, Owner, pending);
}
