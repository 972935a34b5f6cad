using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Testing.DPoP;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

public sealed class JwkThumbprintTests
{
    [Fact]
    public void Rfc7638_section_3_1_rsa_example_key_has_the_published_thumbprint()
    {
        const string n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.ComputeRsa("AQAB", n));
    }

    [Fact]
    public void Rfc9449_example_ec_key_has_the_published_thumbprint()
    {
        Assert.Equal(
            "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
            JwkThumbprint.ComputeEc("P-256", "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs", "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"));
    }

    [Fact]
    public void Rfc9449_section_7_1_access_token_hash_is_the_published_ath()
    {
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DPoPAccessTokenHash.Compute("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Test_key_thumbprint_changes_with_the_key(string algorithm)
    {
        using var a = DPoPKey.Create(algorithm);
        using var b = DPoPKey.Create(algorithm);

        Assert.Equal(43, a.Thumbprint.Length);
        Assert.NotEqual(a.Thumbprint, b.Thumbprint);
    }

    [Fact]
    public void A_value_that_would_need_json_escaping_is_refused()
    {
        Assert.Throws<ArgumentException>(() => JwkThumbprint.ComputeEc("P-256\"", "x", "y"));
    }
}
