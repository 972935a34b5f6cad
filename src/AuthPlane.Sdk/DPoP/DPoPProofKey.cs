using System.Security.Cryptography;
using AuthPlane.Sdk.Keys;

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

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/> with <paramref name="algorithm"/> from the shared JWS table.</summary>
    public bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        lock (_lock)
        {
            try
            {
                return algorithm.IsEllipticCurve
                    ? _ec is not null
                        && (_ec.KeySize + 7) / 8 * 2 == algorithm.SignatureLength
                        && signature.Length == algorithm.SignatureLength
                        && _ec.VerifyData(signingInput, signature, algorithm.Hash)
                    : _rsa is not null && _rsa.VerifyData(signingInput, signature, algorithm.Hash, algorithm.Padding!);
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
