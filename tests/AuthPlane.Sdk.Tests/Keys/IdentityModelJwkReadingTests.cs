using System.Text;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace AuthPlane.Sdk.Tests.Keys;

/// <summary>
/// Why the JWKS is not read with IdentityModel's <c>JsonWebKeySet</c> (issue 9, item 9): on the same documents it
/// is looser than the SDK's reader, so using it would relax rules rather than remove hand-written parsing.
/// </summary>
public sealed class IdentityModelJwkReadingTests
{
    [Fact]
    public void IdentityModel_reads_a_jwk_with_a_repeated_member_which_the_sdk_refuses()
    {
        using var key = TestSigningKey.Create("ES256", "ec-1");
        var jwk = key.PublicJwk().ToJsonString();
        var repeated = jwk[..^1] + ""","kty":"RSA"}""";
        var document = $$"""{"keys":[{{repeated}}]}""";

        var set = new JsonWebKeySet(document);

        Assert.Single(set.Keys);
        Assert.False(JsonWebKeySetParser.TryParse(Encoding.UTF8.GetBytes(document), null, out _));
    }

    [Fact]
    public void IdentityModel_decodes_padded_base64url_which_the_sdk_refuses()
    {
        Assert.Equal([1], Base64UrlEncoder.DecodeBytes("AQ=="));
        Assert.False(AuthPlane.Sdk.Jose.CanonicalBase64Url.TryDecode("AQ==", out _));
    }
}
