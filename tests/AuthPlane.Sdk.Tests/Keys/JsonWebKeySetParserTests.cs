using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Jose;
using Xunit;

namespace AuthPlane.Sdk.Tests.Keys;

/// <summary>The JWKS reader: total on any bytes, and as strict as the DPoP proof key reader it shares.</summary>
public sealed class JsonWebKeySetParserTests : IDisposable
{
    private readonly TestSigningKey _ec = TestSigningKey.Create("ES256", "ec-1");
    private readonly TestSigningKey _rsa = TestSigningKey.Create("RS256", "rsa-1");

    public void Dispose()
    {
        _ec.Dispose();
        _rsa.Dispose();
    }

    private static byte[] Jwks(params JsonObject[] keys) => Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(keys) }.ToJsonString());

    private static SigningKey Single(Dictionary<string, SigningKey[]> keys, string kid) => Assert.Single(keys[kid]);

    [Fact]
    public void The_published_keys_are_usable()
    {
        Assert.True(JsonWebKeySetParser.TryParse(Jwks(_ec.PublicJwk(), _rsa.PublicJwk()), null, out var keys));

        Assert.True(Single(keys, "ec-1").IsUsable);
        Assert.True(Single(keys, "rsa-1").IsUsable);
    }

    [Fact]
    public void Invalid_utf8_in_a_kid_refuses_the_document_without_throwing()
    {
        var json = RawJws.WithInvalidUtf8("""{"keys":[{"kty":"EC","kid":"a@@","crv":"P-256","x":"AA","y":"AA"}]}""");

        Assert.False(JsonWebKeySetParser.TryParse(json, null, out var keys));
        Assert.Empty(keys);
    }

    [Fact]
    public void A_repeated_member_refuses_the_document()
    {
        var jwk = _ec.PublicJwk().ToJsonString();
        var repeated = jwk[..^1] + ""","kty":"RSA"}""";

        Assert.False(JsonWebKeySetParser.TryParse(Encoding.UTF8.GetBytes($$"""{"keys":[{{repeated}}]}"""), null, out _));
    }

    [Fact]
    public void A_coordinate_with_non_canonical_trailing_bits_makes_the_key_unusable_not_an_exception()
    {
        var jwk = _ec.PublicJwk();
        jwk["x"] = RawJws.WithTrailingBitSet(jwk["x"]!.GetValue<string>());

        Assert.True(JsonWebKeySetParser.TryParse(Jwks(jwk), null, out var keys));

        Assert.False(Single(keys, "ec-1").IsUsable);
    }

    [Fact]
    public void A_modulus_with_a_leading_zero_octet_is_unusable()
    {
        // RFC 7518 §6.3.1.1: the modulus uses the minimum number of octets, so one key has one encoding.
        var jwk = _rsa.PublicJwk();
        var modulus = Base64Url.DecodeFromChars(jwk["n"]!.GetValue<string>());
        jwk["n"] = Base64Url.EncodeToString([0, .. modulus]);

        Assert.True(JsonWebKeySetParser.TryParse(Jwks(jwk), null, out var keys));

        Assert.False(Single(keys, "rsa-1").IsUsable);
    }

    [Fact]
    public void A_padded_coordinate_is_unusable()
    {
        var jwk = _ec.PublicJwk();
        jwk["y"] = jwk["y"]!.GetValue<string>() + "=";

        Assert.True(JsonWebKeySetParser.TryParse(Jwks(jwk), null, out var keys));

        Assert.False(Single(keys, "ec-1").IsUsable);
    }

    [Fact]
    public void A_document_nested_too_deep_is_refused()
    {
        var json = Encoding.UTF8.GetBytes("""{"keys":[],"x":""" + new string('[', 5000) + new string(']', 5000) + "}");

        Assert.False(JsonWebKeySetParser.TryParse(json, null, out _));
    }
}
