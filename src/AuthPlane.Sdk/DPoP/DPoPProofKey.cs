using System.Security.Cryptography;

namespace AuthPlane.Sdk.DPoP;

/// <summary>The public key of a DPoP proof, validated from its <c>jwk</c> header but not yet imported.</summary>
internal sealed class DPoPPublicJwk
{
    private DPoPPublicJwk(string thumbprint, ECParameters? ec, RSAParameters? rsa)
    {
        Thumbprint = thumbprint;
        Ec = ec;
        Rsa = rsa;
    }

    /// <summary>The RFC 7638 thumbprint.</summary>
    public string Thumbprint { get; }

    private ECParameters? Ec { get; }

    private RSAParameters? Rsa { get; }

    public static DPoPPublicJwk ForEc(string thumbprint, ECCurve curve, byte[] x, byte[] y)
        => new(thumbprint, new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } }, null);

    public static DPoPPublicJwk ForRsa(string thumbprint, byte[] modulus, byte[] exponent)
        => new(thumbprint, null, new RSAParameters { Modulus = modulus, Exponent = exponent });

    /// <summary>Imports the key (the expensive step the key cache avoids repeating); null when the platform refuses it (for example a point off the curve).</summary>
    public DPoPProofKey? Import()
    {
        try
        {
            if (Ec is { } ec)
            {
                return new DPoPProofKey(ECDsa.Create(ec), null);
            }

            return new DPoPProofKey(null, RSA.Create(Rsa!.Value));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>An imported DPoP proof key that verifies JWS signatures.</summary>
internal sealed class DPoPProofKey : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    // Cached keys are shared between requests; the platform does not promise that one key object may
    // verify on several threads at once, so verification of one key is serialised (each client has its
    // own key, so this lock is practically never contended).
    private readonly Lock _lock = new();

    public DPoPProofKey(ECDsa? ec, RSA? rsa)
    {
        _ec = ec;
        _rsa = rsa;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/> for JWS algorithm <paramref name="algorithm"/>.</summary>
    public bool Verify(string algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        lock (_lock)
        {
            try
            {
                return algorithm switch
                {
                    "ES256" => _ec is not null && _ec.KeySize == 256 && signature.Length == 64
                        && _ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256),
                    "ES384" => _ec is not null && _ec.KeySize == 384 && signature.Length == 96
                        && _ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA384),
                    "RS256" => _rsa is not null
                        && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    "PS256" => _rsa is not null
                        && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                    _ => false,
                };
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}
