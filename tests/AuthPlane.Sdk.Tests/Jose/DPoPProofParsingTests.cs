using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;

namespace AuthPlane.Sdk.Tests.Jose;

/// <summary>Issue 9 reproductions on DPoP proofs: bytes that used to throw or were misnamed now give the exact rejection.</summary>
public sealed class DPoPProofParsingTests : IDisposable
{
    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly DPoPProofValidator _validator;

    public DPoPProofParsingTests()
    {
        _validator = Validator(_time);
    }

    public void Dispose()
    {
        _key.Dispose();
        _validator.Dispose();
    }

    private DPoPProofBuilder Proof() => new DPoPProofBuilder(_key, "POST", Resource, _time).WithAccessToken(AccessToken);

    private async Task<RejectionReason> Validate(string proof, DPoPProofValidator? validator = null)
        => (await (validator ?? _validator).ValidateAsync(Request(proof, _key.Thumbprint))).Reason;

    private string HeaderJson => new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = _key.PublicJwk() }.ToJsonString();

    private static string PayloadJson(string jti = "j-1") =>
        $$"""{"htm":"POST","htu":"{{Resource}}","iat":{{Now.ToUnixTimeSeconds()}},"jti":"{{jti}}","ath":"{{DPoPAccessTokenHash.Compute(AccessToken)}}"}""";

    [Fact]
    public async Task A_proof_AB_AB_AB_is_malformed_not_an_exception()
    {
        Assert.Equal(RejectionReason.MalformedDPoPProof, await Validate("AB.AB.AB"));
    }

    [Fact]
    public async Task A_proof_signature_with_non_canonical_trailing_bits_is_malformed()
    {
        var parts = Proof().Build().Split('.');

        // An ES256 signature is 64 bytes: 86 characters whose last one carries 4 unused bits, here one set.
        parts[2] = RawJws.WithTrailingBitSet(parts[2]);

        Assert.Equal(RejectionReason.MalformedDPoPProof, await Validate(string.Join('.', parts)));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_proof_claim_is_malformed()
    {
        var proof = RawJws.Compact(Encoding.UTF8.GetBytes(HeaderJson), RawJws.WithInvalidUtf8(PayloadJson(jti: "j@@")), _key.Sign);

        Assert.Equal(RejectionReason.MalformedDPoPProof, await Validate(proof));
    }

    [Fact]
    public async Task Invalid_utf8_in_the_proof_jwk_is_malformed()
    {
        var header = HeaderJson.Replace("\"crv\":\"P-256\"", "\"crv\":\"P-256@@\"", StringComparison.Ordinal);
        Assert.Contains("@@", header, StringComparison.Ordinal);

        var proof = RawJws.Compact(RawJws.WithInvalidUtf8(header), Encoding.UTF8.GetBytes(PayloadJson()), _key.Sign);

        Assert.Equal(RejectionReason.MalformedDPoPProof, await Validate(proof));
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_in_the_jti_is_malformed()
    {
        var proof = RawJws.Compact(Encoding.UTF8.GetBytes(HeaderJson), Encoding.UTF8.GetBytes(PayloadJson(jti: "\\ud800")), _key.Sign);

        Assert.Equal(RejectionReason.MalformedDPoPProof, await Validate(proof));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task A_proof_with_a_refused_alg_and_no_signature_says_algorithm_not_allowed(string alg)
    {
        var signed = Proof().WithAlgorithm(alg).Build();
        var unsigned = signed[..(signed.LastIndexOf('.') + 1)];

        var reason = await Validate(unsigned);

        Assert.Equal(RejectionReason.DPoPAlgorithmNotAllowed, reason);
        Assert.Contains("algorithm not allowed", reason.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_alg_with_an_empty_signature_is_an_invalid_signature()
    {
        var signed = Proof().Build();

        Assert.Equal(RejectionReason.DPoPInvalidSignature, await Validate(signed[..(signed.LastIndexOf('.') + 1)]));
    }

    [Theory]
    [InlineData("exp", "9223372036854775807")]
    [InlineData("exp", "253402300800")]
    [InlineData("iat", "9223372036854775807")]
    [InlineData("iat", "-9223372036854775808")]
    [InlineData("iat", "1e400")]
    public async Task A_time_claim_outside_the_calendar_is_an_invalid_claim_value(string claim, string number)
    {
        // exp = long.MaxValue used to wrap around in exp + skew and be reported as expired.
        Assert.Equal(RejectionReason.DPoPInvalidClaimValue, await Validate(Proof().WithClaim(claim, JsonNode.Parse(number)).Build()));
    }

    [Fact]
    public async Task An_exp_at_the_end_of_time_is_accepted()
    {
        var result = await _validator.ValidateAsync(Request(Proof().WithClaim("exp", 253402300799).Build(), _key.Thumbprint));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_very_long_proof_max_age_does_not_overflow_the_replay_expiry()
    {
        using var validator = Validator(_time, Options(o => o.ProofMaxAge = TimeSpan.FromDays(10_000_000)));

        Assert.Equal(RejectionReason.None, await Validate(Proof().Build(), validator));
    }

    [Fact]
    public async Task An_es512_proof_verifies_when_configured_as_proofs_share_the_token_algorithm_table()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var q = ec.ExportParameters(false).Q;
        var (x, y) = (Base64Url.EncodeToString(q.X), Base64Url.EncodeToString(q.Y));
        var header = new JsonObject
        {
            ["typ"] = "dpop+jwt",
            ["alg"] = "ES512",
            ["jwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-521", ["x"] = x, ["y"] = y },
        }.ToJsonString();
        var proof = RawJws.Compact(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(PayloadJson()), data => ec.SignData(data, HashAlgorithmName.SHA512));
        using var validator = Validator(_time, Options(o => o.AllowedAlgorithms = ["ES512"]));

        var result = await validator.ValidateAsync(Request(proof, JwkThumbprint.ComputeEc("P-521", x, y)));

        Assert.True(result.Succeeded);
    }
}
