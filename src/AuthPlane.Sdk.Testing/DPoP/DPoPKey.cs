using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.DPoP;

namespace AuthPlane.Sdk.Testing.DPoP;

/// <summary>
/// A DPoP client key pair for tests: ES256, ES384, RS256 or PS256. Gives its public JWK, its RFC 7638
/// thumbprint (the <c>cnf.jkt</c> to bind a test token to) and signs proofs for <see cref="DPoPProofBuilder"/>.
/// </summary>
public sealed class DPoPKey : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    private DPoPKey(string algorithm, ECDsa? ec, RSA? rsa)
    {
        Algorithm = algorithm;
        _ec = ec;
        _rsa = rsa;
        var jwk = PublicJwk();
        Thumbprint = ec is not null
            ? JwkThumbprint.ComputeEc((string)jwk["crv"]!, (string)jwk["x"]!, (string)jwk["y"]!)
            : JwkThumbprint.ComputeRsa((string)jwk["e"]!, (string)jwk["n"]!);
    }

    /// <summary>The JWS algorithm this key signs with.</summary>
    public string Algorithm { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public key, base64url.</summary>
    public string Thumbprint { get; }

    /// <summary>Creates a new key pair for <paramref name="algorithm"/> (ES256, ES384, RS256 or PS256; RSA keys have 2048 bits).</summary>
    public static DPoPKey Create(string algorithm = "ES256") => algorithm switch
    {
        "ES256" => new DPoPKey(algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP256), null),
        "ES384" => new DPoPKey(algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP384), null),
        "RS256" or "PS256" => new DPoPKey(algorithm, null, RSA.Create(2048)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Use ES256, ES384, RS256 or PS256."),
    };

    /// <summary>Wraps an existing EC key (for example one on an unexpected curve) that signs as <paramref name="algorithm"/>; the key is owned from now on.</summary>
    public static DPoPKey FromEcdsa(ECDsa key, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new DPoPKey(algorithm, key, null);
    }

    /// <summary>Wraps an existing RSA key (for example one of an unusual size) that signs as <paramref name="algorithm"/>; the key is owned from now on.</summary>
    public static DPoPKey FromRsa(RSA key, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new DPoPKey(algorithm, null, key);
    }

    /// <summary>A new copy of the public JWK (the <c>jwk</c> header of a proof).</summary>
    public JsonObject PublicJwk() => Jwk(includePrivate: false);

    /// <summary>A new copy of the JWK including private members (<c>d</c>, and for RSA <c>p</c>, <c>q</c>, <c>dp</c>, <c>dq</c>, <c>qi</c>): for negative tests only.</summary>
    public JsonObject PrivateJwk() => Jwk(includePrivate: true);

    /// <summary>Signs <paramref name="data"/> as this key's <see cref="Algorithm"/> (JWS signature bytes).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm switch
    {
        "ES256" => _ec!.SignData(data, HashAlgorithmName.SHA256),
        "ES384" => _ec!.SignData(data, HashAlgorithmName.SHA384),
        "PS256" => _rsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        _ when _rsa is not null => _rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => _ec!.SignData(data, HashAlgorithmName.SHA256),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }

    private JsonObject Jwk(bool includePrivate)
    {
        if (_ec is not null)
        {
            var p = _ec.ExportParameters(includePrivate);
            var crv = p.Curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => "P-256",
                "nistP384" or "ECDSA_P384" => "P-384",
                "nistP521" or "ECDSA_P521" => "P-521",
                var other => other ?? "unknown",
            };
            var ec = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
            if (includePrivate)
            {
                ec["d"] = B64(p.D!);
            }

            return ec;
        }

        var r = _rsa!.ExportParameters(includePrivate);
        var rsa = new JsonObject { ["kty"] = "RSA", ["e"] = B64(r.Exponent!), ["n"] = B64(r.Modulus!) };
        if (includePrivate)
        {
            rsa["d"] = B64(r.D!);
            rsa["p"] = B64(r.P!);
            rsa["q"] = B64(r.Q!);
            rsa["dp"] = B64(r.DP!);
            rsa["dq"] = B64(r.DQ!);
            rsa["qi"] = B64(r.InverseQ!);
        }

        return rsa;
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
