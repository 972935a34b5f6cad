using System.Buffers.Text;
using System.Text;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>Splits a compact JWS into what a raw signature check needs.</summary>
internal static class BenchmarkTokens
{
    /// <summary>The ASCII bytes of <c>header.payload</c> of a compact JWS, the input its signature covers.</summary>
    public static byte[] SigningInput(string compactJws) => Encoding.ASCII.GetBytes(compactJws[..compactJws.LastIndexOf('.')]);

    /// <summary>The decoded signature of a compact JWS.</summary>
    public static byte[] Signature(string compactJws) => Base64Url.DecodeFromChars(compactJws.AsSpan(compactJws.LastIndexOf('.') + 1));
}
