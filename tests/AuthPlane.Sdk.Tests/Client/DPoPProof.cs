using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>A decoded outbound DPoP proof whose ES256 signature was checked against its own <c>jwk</c>.</summary>
internal sealed record DPoPProof(JsonElement Header, JsonElement Payload)
{
    public static DPoPProof Decode(string proof)
    {
        var parts = proof.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0])).RootElement.Clone();
        var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1])).RootElement.Clone();
        var jwk = header.GetProperty("jwk");
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("x").GetString()),
                Y = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("y").GetString()),
            },
        });
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]), HashAlgorithmName.SHA256), "proof signature");
        return new DPoPProof(header, payload);
    }

    public string? Claim(string name) => Payload.TryGetProperty(name, out var value) ? value.ToString() : null;
}
