using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using AuthPlane.Sdk.Diagnostics;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.DPoP;

/// <summary>The outcome of checking a proof's server nonce.</summary>
internal enum DPoPNonceCheck
{
    /// <summary>Issued by a key of this deployment for this proof key, and within its lifetime.</summary>
    Valid,

    /// <summary>Valid, but past half its lifetime: a fresh nonce should be offered.</summary>
    ValidAging,

    /// <summary>Missing, stale, from the future, for another key, under another server key, or garbled.</summary>
    Invalid,
}

/// <summary>
/// Stateless DPoP server nonces (RFC 9449 §8, §9): <c>base64url(issuedAt || HMAC-SHA256(key, issuedAt || thumbprint)[..16])</c>,
/// with <c>issuedAt</c> the Unix time in seconds as 8 big-endian bytes. Every instance configured with the
/// same key accepts every other instance's nonces; nothing is stored.
/// </summary>
internal sealed class DPoPNonceService
{
    private const int TimeBytes = 8;
    private const int MacBytes = 16;
    private const int NonceBytes = TimeBytes + MacBytes;
    private const int MinimumKeyBytes = 32;

    private readonly byte[]? _key;
    private readonly TimeProvider _time;
    private readonly long _lifetimeSeconds;
    private readonly long _skewSeconds;
    private readonly AuthPlaneMetrics? _metrics;

    /// <summary>Creates the service; when nonces are required the key is decoded now, so a bad key fails at start-up.</summary>
    /// <param name="options">The AuthPlane options (<see cref="AuthPlaneOptions.DPoP"/>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="metrics">Where issued nonces are counted; none when <see langword="null"/>.</param>
    public DPoPNonceService(IOptions<AuthPlaneOptions> options, TimeProvider time, AuthPlaneMetrics? metrics = null)
    {
        _metrics = metrics;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var dpop = options.Value.DPoP;
        _time = time;
        _lifetimeSeconds = (long)dpop.NonceLifetime.TotalSeconds;
        _skewSeconds = (long)dpop.ProofClockSkew.TotalSeconds;
        if (dpop.RequireNonce)
        {
            _key = DecodeKey(dpop.NonceKey);
        }
    }

    /// <summary>A fresh nonce for the proof key with thumbprint <paramref name="thumbprint"/>.</summary>
    public string Issue(string thumbprint)
    {
        var key = _key ?? throw new InvalidOperationException("DPoP nonces are not enabled (AuthPlane:DPoP:RequireNonce).");
        Span<byte> nonce = stackalloc byte[NonceBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeSeconds());
        ComputeMac(key, nonce[..TimeBytes], thumbprint, nonce[TimeBytes..]);
        _metrics?.RecordNonceIssued();
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Checks <paramref name="nonce"/> (null when the proof has none) for the proof key <paramref name="thumbprint"/>.</summary>
    public DPoPNonceCheck Check(string? nonce, string thumbprint)
    {
        var key = _key ?? throw new InvalidOperationException("DPoP nonces are not enabled (AuthPlane:DPoP:RequireNonce).");
        Span<byte> decoded = stackalloc byte[NonceBytes + 3];
        if (nonce is null
            || nonce.Length != Base64Url.GetEncodedLength(NonceBytes)
            || !Base64Url.TryDecodeFromChars(nonce, decoded, out var written)
            || written != NonceBytes)
        {
            return DPoPNonceCheck.Invalid;
        }

        Span<byte> expectedMac = stackalloc byte[MacBytes];
        ComputeMac(key, decoded[..TimeBytes], thumbprint, expectedMac);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, decoded[TimeBytes..NonceBytes]))
        {
            return DPoPNonceCheck.Invalid;
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - BinaryPrimitives.ReadInt64BigEndian(decoded);
        if (age < -_skewSeconds || age > _lifetimeSeconds)
        {
            return DPoPNonceCheck.Invalid;
        }

        return age * 2 > _lifetimeSeconds ? DPoPNonceCheck.ValidAging : DPoPNonceCheck.Valid;
    }

    private static void ComputeMac(byte[] key, ReadOnlySpan<byte> issuedAt, string thumbprint, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[TimeBytes + Encoding.ASCII.GetByteCount(thumbprint)];
        issuedAt.CopyTo(input);
        Encoding.ASCII.GetBytes(thumbprint, input[TimeBytes..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input, mac);
        mac[..MacBytes].CopyTo(destination);
    }

    private static byte[] DecodeKey(string? configured) =>
        TryDecodeKey(configured, out var key)
            ? key
            : throw new OptionsValidationException(
                "AuthPlane:DPoP:NonceKey",
                typeof(DPoPOptions),
                ["AuthPlane:DPoP:NonceKey must be a base64 key of at least 32 bytes when AuthPlane:DPoP:RequireNonce is true; generate one with 'openssl rand -base64 32' and give every instance the same value."]);

    /// <summary>Decodes a configured nonce key: base64 of at least 32 bytes. The options validator uses the same rule.</summary>
    internal static bool TryDecodeKey(string? configured, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length >= MinimumKeyBytes;
    }
}
