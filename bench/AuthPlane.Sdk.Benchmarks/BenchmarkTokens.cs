using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>Builds the ES256 access token and DPoP proof every benchmark of a run measures.</summary>
internal static class BenchmarkTokens
{
    public const string Issuer = "https://auth.example.com";
    public const string Resource = "https://mcp.example.com/mcp";
    public const string KeyId = "bench-key-1";

    /// <summary>A compact ES256 <c>at+jwt</c> access token in AuthPlane's claim shape, signed by <paramref name="signingKey"/>.</summary>
    public static string CreateAccessToken(ECDsa signingKey, DateTimeOffset now)
    {
        var header = new Dictionary<string, object> { ["alg"] = "ES256", ["typ"] = "at+jwt", ["kid"] = KeyId };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = "user-1234",
            ["aud"] = new[] { Resource },
            ["client_id"] = "client-abc",
            ["scope"] = "calendar:read calendar:write",
            ["jti"] = "4f1c1d0e-bench-token",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        return Sign(signingKey, header, claims);
    }

    /// <summary>A DPoP proof (RFC 9449) for <c>POST</c> <see cref="Resource"/>, carrying the public half of <paramref name="proofKey"/> as <c>jwk</c>.</summary>
    public static string CreateDPoPProof(ECDsa proofKey, string accessToken, DateTimeOffset now)
    {
        var q = proofKey.ExportParameters(includePrivateParameters: false).Q;
        var header = new Dictionary<string, object>
        {
            ["typ"] = "dpop+jwt",
            ["alg"] = "ES256",
            ["jwk"] = new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(q.X),
                ["y"] = Base64Url.EncodeToString(q.Y),
            },
        };
        var claims = new Dictionary<string, object>
        {
            ["jti"] = "e1j3V_bKic8-LAEB",
            ["htm"] = "POST",
            ["htu"] = Resource,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["ath"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))),
        };
        return Sign(proofKey, header, claims);
    }

    /// <summary>The ASCII bytes of <c>header.payload</c> of a compact JWS, the input its signature covers.</summary>
    public static byte[] SigningInput(string compactJws) => Encoding.ASCII.GetBytes(compactJws[..compactJws.LastIndexOf('.')]);

    /// <summary>The decoded signature of a compact JWS.</summary>
    public static byte[] Signature(string compactJws) => Base64Url.DecodeFromChars(compactJws.AsSpan(compactJws.LastIndexOf('.') + 1));

    private static string Sign(ECDsa key, object header, object claims)
    {
        var signingInput = $"{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
