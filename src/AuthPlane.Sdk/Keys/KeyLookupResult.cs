namespace AuthPlane.Sdk.Keys;

/// <summary>The outcome of looking a signing key up by <c>kid</c> and algorithm.</summary>
/// <param name="Status">What the lookup found.</param>
/// <param name="Key">The key when <paramref name="Status"/> is <see cref="KeyLookupStatus.Found"/>.</param>
internal readonly record struct KeyLookupResult(KeyLookupStatus Status, SigningKey? Key);

/// <summary>What a key lookup found.</summary>
internal enum KeyLookupStatus
{
    /// <summary>A key that may verify the token.</summary>
    Found,

    /// <summary>No key has the <c>kid</c>, even after the allowed refresh.</summary>
    Unknown,

    /// <summary>Keys have the <c>kid</c> but none may verify this algorithm (<c>use</c>, <c>key_ops</c>, <c>alg</c>, curve, size).</summary>
    NotUsable,

    /// <summary>No key set has ever been obtained from the authority.</summary>
    Unavailable,
}
