using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuthPlane.Sdk.DPoP;

/// <summary>The <c>ath</c> claim of a DPoP proof that presents an access token (RFC 9449 §4.2).</summary>
public static class DPoPAccessTokenHash
{
    /// <summary>The base64url (unpadded) SHA-256 of the ASCII bytes of <paramref name="accessToken"/>.</summary>
    /// <param name="accessToken">The access token the proof is sent with.</param>
    /// <returns>The value a proof's <c>ath</c> must carry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accessToken"/> is null.</exception>
    public static string Compute(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), digest);
        return Base64Url.EncodeToString(digest);
    }
}
