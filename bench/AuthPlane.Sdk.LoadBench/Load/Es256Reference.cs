using System.Diagnostics;
using System.Security.Cryptography;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>The cost of one ES256 (ECDSA P-256, SHA-256) signature check on this machine: the DPoP target's yardstick.</summary>
internal static class Es256Reference
{
    /// <summary>Microseconds per verify, best of five batches of 500 on one thread of the driver.</summary>
    public static double MeasureMicroseconds()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(600);
        var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var best = double.MaxValue;
        for (var batch = 0; batch < 5; batch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 500; i++)
            {
                if (!key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                {
                    throw new CryptographicException("the reference signature does not verify");
                }
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / 500);
        }

        return best;
    }
}
