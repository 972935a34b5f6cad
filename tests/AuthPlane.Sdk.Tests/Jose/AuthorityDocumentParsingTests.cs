using System.Text;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Client;
using AuthPlane.Sdk.Tests.Introspection;
using Xunit;

namespace AuthPlane.Sdk.Tests.Jose;

/// <summary>Issue 9 reproductions on what the authority sends: each parser fails only with its documented exception, and time arithmetic saturates.</summary>
public sealed class AuthorityDocumentParsingTests
{
    private const string Issuer = "https://auth.example.com";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Metadata_with_invalid_utf8_in_the_issuer_is_an_invalid_document()
    {
        var json = RawJws.WithInvalidUtf8($$"""{"issuer":"{{Issuer}}@@","jwks_uri":"{{Issuer}}/jwks"}""");

        var exception = Assert.Throws<AuthPlaneAuthorityMetadataException>(() => AuthorizationServerMetadataParser.Parse(json, Issuer, devMode: false));

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, exception.Failure);
    }

    [Fact]
    public void Metadata_with_an_escaped_lone_surrogate_is_an_invalid_document()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks\ud800"}""".Replace("\ud800", "\\ud800", StringComparison.Ordinal));

        var exception = Assert.Throws<AuthPlaneAuthorityMetadataException>(() => AuthorizationServerMetadataParser.Parse(json, Issuer, devMode: false));

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, exception.Failure);
    }

    [Fact]
    public void Metadata_nested_deeper_than_the_parser_allows_is_an_invalid_document()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","x":{{new string('[', 10_000)}}{{new string(']', 10_000)}}}""");

        var exception = Assert.Throws<AuthPlaneAuthorityMetadataException>(() => AuthorizationServerMetadataParser.Parse(json, Issuer, devMode: false));

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, exception.Failure);
    }

    [Fact]
    public void A_token_response_with_a_huge_expires_in_saturates_instead_of_overflowing()
    {
        var body = """{"access_token":"at","token_type":"Bearer","expires_in":9223372036854775807}"""u8;

        var response = TokenResponseParser.Parse(body, requireIssuedTokenType: false, requireDPoP: false, TimeSpan.FromMinutes(5), Now);

        Assert.Equal(DateTimeOffset.MaxValue, response.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(253_402_300_799), response.ExpiresIn);
    }

    [Fact]
    public void A_token_response_with_invalid_utf8_is_a_protocol_error()
    {
        var body = RawJws.WithInvalidUtf8("""{"access_token":"at@@","token_type":"Bearer"}""");

        Assert.Throws<AuthPlaneProtocolException>(() => TokenResponseParser.Parse(body, requireIssuedTokenType: false, requireDPoP: false, TimeSpan.FromMinutes(5), Now));
    }

    [Fact]
    public void An_introspection_response_with_invalid_utf8_is_a_protocol_error()
    {
        var body = RawJws.WithInvalidUtf8("""{"active":true,"sub":"u@@"}""");

        Assert.Throws<AuthPlaneProtocolException>(() => IntrospectionResponseParser.Parse(body));
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("253402300800")]
    public async Task An_introspection_exp_outside_the_calendar_is_a_protocol_error_answered_503_not_a_crash(string exp)
    {
        await using var h = await IntrospectionHarness.StartAsync();
        h.Authority.DefaultAnswer = FakeAnswer.Json(200, $$"""{"active":true,"exp":{{exp}}}""");

        var result = await h.Verifier.VerifyAsync("header.payload.signature");

        Assert.Equal(RejectionReason.IntrospectionUnavailable, result.Reason);
        Assert.Equal(503, result.Reason.StatusCode());
        Assert.Equal("temporarily_unavailable", result.Reason.ErrorCode());
    }
}
