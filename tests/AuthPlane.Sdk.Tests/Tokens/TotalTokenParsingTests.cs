using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Jose;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>Issue 9 reproductions: bytes that used to make token verification throw now give a rejection.</summary>
public sealed class TotalTokenParsingTests : IAsyncLifetime
{
    private AuthorityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthorityHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string Kid => _harness.Authority.ActiveKey.KeyId;

    private long Now => _harness.Time.GetUtcNow().ToUnixTimeSeconds();

    private string Payload(string sub = "user-1") =>
        $$"""{"iss":"{{_harness.Authority.Issuer}}","aud":"{{AuthorityHarness.Resource}}","sub":"{{sub}}","client_id":"c","jti":"j","iat":{{Now}},"exp":{{Now + 600}}}""";

    private string Signed(byte[] header, byte[] payload) => RawJws.Compact(header, payload, _harness.Authority.ActiveKey.Sign);

    [Fact]
    public async Task Bearer_AB_AB_AB_with_non_zero_trailing_bits_is_a_malformed_token()
    {
        // "AB" decodes to one byte with four unused bits that are not zero: the platform decoder throws on it.
        var result = await _harness.VerifyAsync("AB.AB.AB");

        Assert.Equal(RejectionReason.MalformedToken, result.Reason);
    }

    [Fact]
    public async Task The_Authorization_header_Bearer_AB_AB_AB_reaches_the_verifier_and_is_rejected()
    {
        var kind = AuthorizationHeader.Parse(new StringValues("Bearer AB.AB.AB"), out var token);

        Assert.Equal(AuthorizationHeaderKind.Bearer, kind);
        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(token!)).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_segment_with_non_canonical_trailing_bits_is_malformed(int segment)
    {
        var parts = _harness.Mint().Split('.');
        parts[segment] = RawJws.WithTrailingBitSet(parts[segment]);

        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(string.Join('.', parts))).Reason);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_header_string_is_malformed()
    {
        var header = RawJws.WithInvalidUtf8($$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}@@"}""");

        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(Signed(header, Encoding.UTF8.GetBytes(Payload())))).Reason);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_claim_string_is_malformed()
    {
        var header = Encoding.UTF8.GetBytes($$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""");

        var token = Signed(header, RawJws.WithInvalidUtf8(Payload(sub: "user@@")));

        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(token)).Reason);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    [InlineData("x\\ud800\\u0041")]
    public async Task An_escaped_lone_surrogate_in_a_claim_is_malformed(string escaped)
    {
        var header = Encoding.UTF8.GetBytes($$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""");

        var token = Signed(header, Encoding.UTF8.GetBytes(Payload(sub: escaped)));

        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_accepted()
    {
        var header = Encoding.UTF8.GetBytes($$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""");

        var result = await _harness.VerifyAsync(Signed(header, Encoding.UTF8.GetBytes(Payload(sub: "\\ud83d\\ude00"))));

        Assert.True(result.Succeeded);
        Assert.Equal("\U0001F600", result.Token!.Subject);
    }

    [Fact]
    public async Task An_exp_at_the_end_of_time_verifies_and_stays_verified_from_the_cache()
    {
        var token = _harness.Mint(d => d.Claims["exp"] = 253402300799);

        await _harness.UseUntilCachedAsync(token);
        var cached = await _harness.VerifyAsync(token);

        Assert.True(cached.Succeeded);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeSeconds(), cached.Token!.ExpiresAt.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("exp", "253402300800")]
    [InlineData("exp", "9223372036854775807")]
    [InlineData("exp", "1e400")]
    [InlineData("exp", "-1")]
    [InlineData("iat", "-9223372036854775808")]
    [InlineData("nbf", "1e308")]
    public async Task A_time_claim_outside_the_calendar_is_an_invalid_claim_value(string claim, string number)
    {
        var token = _harness.Mint(d => d.Claims[claim] = JsonNode.Parse(number));

        Assert.Equal(RejectionReason.InvalidClaimValue, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_cnf_jkt_with_non_canonical_trailing_bits_is_refused()
    {
        // 43 characters carry 32 bytes and 2 unused bits; "B" as the last character sets one of them.
        var jkt = new string('A', 42) + "B";

        var token = _harness.Mint(d => d.Claims["cnf"] = new JsonObject { ["jkt"] = jkt });

        Assert.Equal(RejectionReason.InvalidConfirmationClaim, (await _harness.VerifyAsync(token)).Reason);
    }
}
