using System.Security.Cryptography;

namespace AuthPlane.Sdk.DPoP;

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
