using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.DPoP;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// Builds outbound DPoP proofs (RFC 9449 §4.2) with one ES256 key and remembers the <c>DPoP-Nonce</c>
/// each origin last sent. Thread-safe.
/// </summary>
public sealed class DPoPProofProvider : IDisposable
{
    private const int MaxRememberedOrigins = 64;

    private readonly ECDsa _key;
    private readonly bool _ownsKey;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _proofLifetime;
    private readonly byte[] _headerSegment;
    private readonly ConcurrentDictionary<string, string> _noncesByOrigin = new(StringComparer.Ordinal);

    /// <summary>Creates a provider with a new P-256 key that it owns.</summary>
    public DPoPProofProvider(TimeProvider timeProvider, TimeSpan proofLifetime)
        : this(ECDsa.Create(ECCurve.NamedCurves.nistP256), ownsKey: true, timeProvider, proofLifetime)
    {
    }

    /// <summary>Creates a provider with <paramref name="key"/> (a P-256 key the caller keeps owning).</summary>
    public DPoPProofProvider(ECDsa key, TimeProvider timeProvider, TimeSpan proofLifetime)
        : this(key, ownsKey: false, timeProvider, proofLifetime)
    {
    }

    private DPoPProofProvider(ECDsa key, bool ownsKey, TimeProvider timeProvider, TimeSpan proofLifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(proofLifetime, TimeSpan.Zero);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("The DPoP key must be a P-256 key (ES256).", nameof(key));
        }

        _key = key;
        _ownsKey = ownsKey;
        _timeProvider = timeProvider;
        _proofLifetime = proofLifetime;
        var x = Base64Url.EncodeToString(parameters.Q.X);
        var y = Base64Url.EncodeToString(parameters.Q.Y);
        JwkThumbprint = DPoP.JwkThumbprint.ComputeEc("P-256", x, y);
        _headerSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}}")));
    }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public key, as the authority puts it in <c>cnf.jkt</c>.</summary>
    public string JwkThumbprint { get; }

    /// <summary>
    /// Builds a proof for <paramref name="method"/> on <paramref name="uri"/> (<c>htu</c> without query and fragment),
    /// with the nonce remembered for the URI's origin and, when <paramref name="accessToken"/> is given, its <c>ath</c>.
    /// </summary>
    public string CreateProof(string method, Uri uri, string? accessToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The DPoP target must be an absolute URI.", nameof(uri));
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("jti", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            writer.WriteString("htm", method);
            writer.WriteString("htu", uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + (long)_proofLifetime.TotalSeconds);
            if (GetNonce(uri) is { } nonce)
            {
                writer.WriteString("nonce", nonce);
            }

            if (accessToken is not null)
            {
                writer.WriteString("ath", DPoPAccessTokenHash.Compute(accessToken));
            }

            writer.WriteEndObject();
        }

        var payloadSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(payload.WrittenSpan.ToArray()));
        var signingInput = new byte[_headerSegment.Length + 1 + payloadSegment.Length];
        _headerSegment.CopyTo(signingInput, 0);
        signingInput[_headerSegment.Length] = (byte)'.';
        payloadSegment.CopyTo(signingInput, _headerSegment.Length + 1);

        // ECDsa.SignData produces the IEEE P1363 (r || s) form JWS requires.
        var signature = _key.SignData(signingInput, HashAlgorithmName.SHA256);
        return Encoding.ASCII.GetString(signingInput) + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Remembers <paramref name="nonce"/> as the current DPoP nonce of <paramref name="uri"/>'s origin.</summary>
    public void RememberNonce(Uri uri, string nonce)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var origin = Origin(uri);
        if (_noncesByOrigin.Count >= MaxRememberedOrigins && !_noncesByOrigin.ContainsKey(origin))
        {
            // Endpoints come from one authority's metadata, so this bound is only reached by misuse; start over.
            _noncesByOrigin.Clear();
        }

        _noncesByOrigin[origin] = nonce;
    }

    /// <summary>The DPoP nonce last remembered for <paramref name="uri"/>'s origin, or null.</summary>
    public string? GetNonce(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _noncesByOrigin.TryGetValue(Origin(uri), out var nonce) ? nonce : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
