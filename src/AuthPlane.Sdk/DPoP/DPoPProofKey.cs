using System.Security.Cryptography;
using AuthPlane.Sdk.Keys;

namespace AuthPlane.Sdk.DPoP;

/// <summary>An imported DPoP proof key that verifies JWS signatures.</summary>
/// <remarks>
/// One instance verifies on many threads at once, without a lock, so one client's concurrent requests do not queue
/// behind each other. This relies on the platform's verify being read-only on the key: on Linux,
/// <c>ECDsaOpenSsl</c>/<c>RSAOpenSsl</c> hold an immutable <c>EVP_PKEY</c> and create a fresh <c>EVP_PKEY_CTX</c>
/// per call (OpenSSL documents shared read-only <c>EVP_PKEY</c> use as thread-safe); Windows CNG and Apple
/// Security verify statelessly too. The issuer's JWKS keys (<c>Keys/SigningKey</c>) are shared the same way, and
/// DPoPProofKeyConcurrencyTests verifies good and bad signatures from 16 threads on one instance.
/// </remarks>
internal sealed class DPoPProofKey : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    public DPoPProofKey(ECDsa? ec, RSA? rsa)
    {
        _ec = ec;
        _rsa = rsa;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/> with <paramref name="algorithm"/> from the shared JWS table.</summary>
    public bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
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

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }
}
