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

    public static DPoPPublicJwk ForEc(string thumbprint, ECParameters parameters) => new(thumbprint, parameters, null);

    public static DPoPPublicJwk ForRsa(string thumbprint, RSAParameters parameters) => new(thumbprint, null, parameters);

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
