using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Conformance;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>RFC 9449 §4.3 proof validation, one rejection reason per test, with real ES256/RS256/PS256 keys.</summary>
public sealed class DPoPProofValidatorTests : IDisposable
{
    private const string RfcProof =
        "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19"
        + ".eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9"
        + ".2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";

    private const string RfcToken = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    private const string RfcJkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    private const string RfcUrl = "https://resource.example.org/protectedresource";

    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly DPoPProofValidator _validator;

    public DPoPProofValidatorTests()
    {
        _validator = Validator(_time);
    }

    public void Dispose()
    {
        _key.Dispose();
        _validator.Dispose();
    }

    private DPoPProofBuilder Proof(DPoPKey? key = null) => new DPoPProofBuilder(key ?? _key, "POST", Resource, _time).WithAccessToken(AccessToken);

    private ValueTask<DPoPProofResult> Validate(string proof, string method = "POST", string url = Resource, string token = AccessToken, DPoPKey? key = null)
        => _validator.ValidateAsync(Request(proof, (key ?? _key).Thumbprint, method, url, token));

    private async Task AssertRejected(RejectionReason expected, string proof, string method = "POST", string url = Resource, DPoPKey? key = null)
    {
        var result = await Validate(proof, method, url, key: key);
        Assert.Equal(expected, result.Reason);
        Assert.False(result.Succeeded);
        Assert.Null(result.Thumbprint);
    }

    // ---- RFC 9449 §7.1 example request ----

    [Fact]
    public async Task Rfc9449_section_7_1_proof_verifies_at_its_iat()
    {
        using var validator = Validator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)));

        var result = await validator.ValidateAsync(new DPoPProofRequest(RfcProof, "GET", RfcUrl, RfcToken, RfcJkt));

        Assert.True(result.Succeeded, result.Reason.ToString());
        Assert.Equal(RfcJkt, result.Thumbprint);
    }

    [Fact]
    public async Task Rfc9449_section_7_1_proof_is_rejected_for_post()
    {
        using var validator = Validator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)));

        var result = await validator.ValidateAsync(new DPoPProofRequest(RfcProof, "POST", RfcUrl, RfcToken, RfcJkt));

        Assert.Equal(RejectionReason.DPoPMethodMismatch, result.Reason);
    }

    [Fact]
    public async Task Rfc9449_section_7_1_proof_is_rejected_with_another_token()
    {
        using var validator = Validator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)));

        var result = await validator.ValidateAsync(new DPoPProofRequest(RfcProof, "GET", RfcUrl, RfcToken + "x", RfcJkt));

        Assert.Equal(RejectionReason.DPoPAccessTokenHashMismatch, result.Reason);
    }

    [Fact]
    public async Task Rfc9449_section_7_1_proof_is_rejected_on_second_use()
    {
        using var validator = Validator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)));
        var request = new DPoPProofRequest(RfcProof, "GET", RfcUrl, RfcToken, RfcJkt);

        var first = await validator.ValidateAsync(request);
        var second = await validator.ValidateAsync(request);

        Assert.True(first.Succeeded);
        Assert.Equal(RejectionReason.DPoPReplayed, second.Reason);
    }

    // ---- success paths ----

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task A_valid_proof_is_accepted_and_yields_the_key_thumbprint(string algorithm)
    {
        using var key = DPoPKey.Create(algorithm);

        var result = await Validate(Proof(key).Build(), key: key);

        Assert.True(result.Succeeded, result.Reason.ToString());
        Assert.Equal(key.Thumbprint, result.Thumbprint);
    }

    [Fact]
    public async Task Es384_is_accepted_only_when_configured()
    {
        using var key = DPoPKey.Create("ES384");
        using var configured = Validator(_time, Options(o => o.AllowedAlgorithms = ["ES384"]));

        var byDefault = await Validate(Proof(key).Build(), key: key);
        var whenAllowed = await configured.ValidateAsync(Request(Proof(key).Build(), key.Thumbprint));

        Assert.Equal(RejectionReason.DPoPAlgorithmNotAllowed, byDefault.Reason);
        Assert.True(whenAllowed.Succeeded, whenAllowed.Reason.ToString());
    }

    [Fact]
    public async Task Repeated_proofs_of_one_key_verify_through_the_key_cache_and_a_bad_signature_still_fails()
    {
        var first = await Validate(Proof().Build());
        var second = await Validate(Proof().Build());
        var corrupt = await Validate(Proof().WithCorruptSignature().Build());

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(RejectionReason.DPoPInvalidSignature, corrupt.Reason);
    }

    // ---- header count, size, structure ----

    [Fact]
    public async Task Two_dpop_headers_are_rejected()
    {
        var result = await _validator.ValidateAsync(new DPoPProofRequest(new StringValues([Proof().Build(), Proof().Build()]), "POST", Resource, AccessToken, _key.Thumbprint));

        Assert.Equal(RejectionReason.MultipleDPoPProofs, result.Reason);
    }

    [Fact]
    public async Task A_comma_joined_dpop_header_is_rejected()
    {
        await AssertRejected(RejectionReason.MultipleDPoPProofs, Proof().Build() + "," + Proof().Build());
    }

    [Fact]
    public async Task A_proof_over_the_size_cap_is_rejected_before_parsing()
    {
        await AssertRejected(RejectionReason.DPoPProofTooLarge, Proof().WithClaim("pad", new string('a', 9000)).Build());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJ0eXAiOiJkcG9wK2p3dCJ9..c2ln")]
    [InlineData("e30.e30.c2ln=")]
    [InlineData("not base64.e30.c2ln")]
    [InlineData("WyJhcnJheSJd.e30.c2ln")]
    public async Task Malformed_proofs_are_rejected(string proof)
    {
        await AssertRejected(RejectionReason.MalformedDPoPProof, proof);
    }

    [Fact]
    public async Task A_header_repeating_a_member_is_rejected()
    {
        var jwk = _key.PublicJwk().ToJsonString();
        var header = $$"""{"typ":"dpop+jwt","alg":"ES256","alg":"none","jwk":{{jwk}}}""";
        var payload = new JsonObject { ["jti"] = "j", ["htm"] = "POST", ["htu"] = Resource, ["iat"] = Now.ToUnixTimeSeconds(), ["ath"] = DPoPAccessTokenHash.Compute(AccessToken) }.ToJsonString();

        await AssertRejected(RejectionReason.MalformedDPoPProof, Proof().Build(header, payload));
    }

    [Fact]
    public async Task A_payload_repeating_htu_is_rejected()
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = _key.PublicJwk() }.ToJsonString();
        var ath = DPoPAccessTokenHash.Compute(AccessToken);
        var payload = $$"""{"jti":"j","htm":"POST","htu":"https://evil.example/x","htu":"{{Resource}}","iat":{{Now.ToUnixTimeSeconds()}},"ath":"{{ath}}"}""";

        await AssertRejected(RejectionReason.MalformedDPoPProof, Proof().Build(header, payload));
    }

    [Fact]
    public async Task A_proof_naming_a_critical_header_extension_is_rejected()
    {
        await AssertRejected(RejectionReason.MalformedDPoPProof, Proof().WithHeader("crit", new JsonArray("b64")).WithHeader("b64", false).Build());
    }

    // ---- typ, alg, jwk ----

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-header-typ-must-be-dpop-jwt")]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    [InlineData(null)]
    public async Task A_typ_other_than_dpop_jwt_is_rejected(string? typ)
    {
        await AssertRejected(RejectionReason.InvalidDPoPProofType, Proof().WithType(typ).Build());
    }

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-alg-must-be-supported-asymmetric")]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("RS512")]
    [InlineData("ES512")]
    [InlineData(null)]
    public async Task Symmetric_none_and_unsupported_algorithms_are_rejected(string? alg)
    {
        await AssertRejected(RejectionReason.DPoPAlgorithmNotAllowed, Proof().WithAlgorithm(alg).Build());
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public async Task None_and_hmac_stay_refused_even_when_configured(string alg)
    {
        using var validator = Validator(_time, Options(o => o.AllowedAlgorithms = [alg, "ES256"]));

        var result = await validator.ValidateAsync(Request(Proof().WithAlgorithm(alg).Build(), _key.Thumbprint));

        Assert.Equal(RejectionReason.DPoPAlgorithmNotAllowed, result.Reason);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-must-carry-public-jwk")]
    public async Task A_proof_without_jwk_is_rejected()
    {
        await AssertRejected(RejectionReason.DPoPJwkMissing, Proof().WithJwk(null).Build());
    }

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-jwk-must-not-include-private-key-material")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task A_jwk_with_private_key_material_is_rejected(string algorithm)
    {
        using var key = DPoPKey.Create(algorithm);

        await AssertRejected(RejectionReason.DPoPJwkContainsPrivateKey, Proof(key).WithPrivateJwk().Build(), key: key);
    }

    [Theory]
    [InlineData("oth")]
    [InlineData("qi")]
    public async Task Any_private_rsa_member_is_rejected(string member)
    {
        var jwk = _key.PublicJwk();
        jwk[member] = "AQAB";

        await AssertRejected(RejectionReason.DPoPJwkContainsPrivateKey, Proof().WithJwk(jwk).Build());
    }

    [Fact]
    public async Task Es256_with_a_p384_key_is_rejected()
    {
        using var key = DPoPKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP384), "ES256");

        await AssertRejected(RejectionReason.DPoPJwkInvalid, Proof(key).Build(), key: key);
    }

    [Fact]
    public async Task Es256_with_an_rsa_key_is_rejected()
    {
        using var rsa = DPoPKey.Create("RS256");

        await AssertRejected(RejectionReason.DPoPJwkInvalid, Proof().WithJwk(rsa.PublicJwk()).Build(), key: rsa);
    }

    [Fact]
    public async Task Ec_coordinates_of_the_wrong_length_are_rejected()
    {
        var jwk = _key.PublicJwk();
        jwk["x"] = Base64Url.EncodeToString(new byte[31]);

        await AssertRejected(RejectionReason.DPoPJwkInvalid, Proof().WithJwk(jwk).Build());
    }

    [Fact]
    public async Task An_rsa_1024_key_is_rejected_before_any_signature_work()
    {
        using var key = DPoPKey.FromRsa(RSA.Create(1024), "RS256");

        // The signature is corrupt too: the reason proves the key size was judged first.
        await AssertRejected(RejectionReason.DPoPJwkInvalid, Proof(key).WithCorruptSignature().Build(), key: key);
    }

    [Fact]
    public async Task An_rsa_16384_key_is_rejected_before_any_signature_work()
    {
        // A 16384-bit modulus (2048 bytes) that is never imported; the thumbprint matches so only the size can fail.
        var modulus = RandomNumberGenerator.GetBytes(2048);
        modulus[0] |= 0x80;
        var n = Base64Url.EncodeToString(modulus);
        var jwk = new JsonObject { ["kty"] = "RSA", ["e"] = "AQAB", ["n"] = n };
        using var signer = DPoPKey.Create("RS256");
        var proof = new DPoPProofBuilder(signer, "POST", Resource, _time).WithAccessToken(AccessToken).WithJwk(jwk).Build();

        var result = await _validator.ValidateAsync(Request(proof, JwkThumbprint.ComputeRsa("AQAB", n)));

        Assert.Equal(RejectionReason.DPoPJwkInvalid, result.Reason);
    }

    // ---- binding ----

    [Fact]
    public async Task A_proof_key_other_than_cnf_jkt_is_rejected_before_the_signature_is_checked()
    {
        using var other = DPoPKey.Create("ES256");

        var result = await _validator.ValidateAsync(Request(Proof().WithCorruptSignature().Build(), other.Thumbprint));

        Assert.Equal(RejectionReason.DPoPKeyBindingMismatch, result.Reason);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-validation-must-not-skip-binding-when-access-token-is-provided")]
    public async Task A_proof_checked_against_an_access_token_without_a_binding_is_rejected()
    {
        var result = await _validator.ValidateAsync(new DPoPProofRequest(Proof().Build(), "POST", Resource, AccessToken, ExpectedThumbprint: null));

        Assert.Equal(RejectionReason.DPoPKeyBindingMismatch, result.Reason);
    }

    // ---- htm ----

    [Fact]
    [ConformanceCase("rfc9449-dpop-method-mismatch-must-be-rejected")]
    public async Task A_proof_for_post_is_rejected_on_get()
    {
        await AssertRejected(RejectionReason.DPoPMethodMismatch, Proof().WithMethod("POST").Build(), method: "GET");
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-htm-must-be-case-sensitive")]
    public async Task Htm_get_is_rejected_for_a_GET_request()
    {
        await AssertRejected(RejectionReason.DPoPMethodMismatch, Proof().WithMethod("get").Build(), method: "GET");
    }

    // ---- htu ----

    [Fact]
    [ConformanceCase("rfc9449-dpop-url-mismatch-must-be-rejected")]
    public async Task A_proof_for_another_path_is_rejected_even_when_the_request_has_a_query()
    {
        await AssertRejected(
            RejectionReason.DPoPUrlMismatch,
            Proof().WithUrl("https://api.example.com/other").Build(),
            url: "https://api.example.com/resource?query=ignored");
    }

    [Theory]
    [InlineData("https://evil.example.com/mcp")]
    [InlineData("http://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/MCP")]
    [InlineData("https://mcp.example.com/mcp/")]
    [InlineData("https://user@mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com:8443/mcp")]
    [InlineData("/mcp")]
    [InlineData("mcp.example.com/mcp")]
    [InlineData("wss://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mc%2Fp")]
    [InlineData("https://mcp.example.com/mcp/..")]
    [InlineData("https://mcp.example.com/mcp%")]
    public async Task Htu_naming_another_url_is_rejected(string htu)
    {
        await AssertRejected(RejectionReason.DPoPUrlMismatch, Proof().WithUrl(htu).Build());
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-htu-must-be-normalized-before-comparison")]
    public async Task Htu_and_request_url_are_normalised_before_comparison()
    {
        var result = await Validate(
            Proof().WithUrl("HTTPS://API.EXAMPLE.COM:443/resource").Build(),
            url: "https://api.example.com/resource?query=ignored");

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    [Theory]
    [InlineData("https://MCP.Example.COM/mcp")]
    [InlineData("https://mcp.example.com:443/mcp")]
    [InlineData("https://mcp.example.com/mcp?x=1")]
    [InlineData("https://mcp.example.com/mcp#frag")]
    [InlineData("HTTPS://mcp.example.com/mcp")]
    public async Task Htu_differing_only_in_case_default_port_query_or_fragment_is_accepted(string htu)
    {
        var result = await Validate(Proof().WithUrl(htu).Build());

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    [Fact]
    public async Task Http_default_port_and_empty_path_are_normalised()
    {
        var result = await Validate(Proof().WithUrl("http://LOCALHOST:80").Build(), url: "http://localhost/");

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    // ---- iat, exp ----

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-must-not-be-too-old")]
    [InlineData(-301)]
    [InlineData(-3600)]
    public async Task A_proof_older_than_the_max_age_is_rejected(int offsetSeconds)
    {
        await AssertRejected(RejectionReason.DPoPProofTooOld, Proof().WithIssuedAt(Now.AddSeconds(offsetSeconds)).Build());
    }

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-iat-must-not-be-in-the-future-beyond-leeway")]
    [InlineData(31)]
    [InlineData(3600)]
    public async Task A_proof_issued_beyond_the_skew_in_the_future_is_rejected(int offsetSeconds)
    {
        await AssertRejected(RejectionReason.DPoPProofIssuedInFuture, Proof().WithIssuedAt(Now.AddSeconds(offsetSeconds)).Build());
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(-10)]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(30)]
    public async Task A_proof_inside_the_freshness_window_is_accepted(int offsetSeconds)
    {
        var result = await Validate(Proof().WithIssuedAt(Now.AddSeconds(offsetSeconds)).Build());

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    [Fact]
    public async Task The_freshness_window_follows_the_configured_max_age_and_skew()
    {
        using var validator = Validator(_time, Options(o =>
        {
            o.ProofMaxAge = TimeSpan.FromSeconds(60);
            o.ProofClockSkew = TimeSpan.FromSeconds(5);
        }));

        var old = await validator.ValidateAsync(Request(Proof().WithIssuedAt(Now.AddSeconds(-61)).Build(), _key.Thumbprint));
        var future = await validator.ValidateAsync(Request(Proof().WithIssuedAt(Now.AddSeconds(6)).Build(), _key.Thumbprint));
        var edge = await validator.ValidateAsync(Request(Proof().WithIssuedAt(Now.AddSeconds(-60)).Build(), _key.Thumbprint));

        Assert.Equal(RejectionReason.DPoPProofTooOld, old.Reason);
        Assert.Equal(RejectionReason.DPoPProofIssuedInFuture, future.Reason);
        Assert.True(edge.Succeeded);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-proof-exp-must-be-enforced-when-present")]
    public async Task A_proof_whose_exp_passed_beyond_the_skew_is_rejected()
    {
        await AssertRejected(
            RejectionReason.DPoPProofExpired,
            Proof().WithIssuedAt(Now.AddSeconds(-60)).WithExpiry(Now.AddSeconds(-31)).Build());
    }

    [Fact]
    public async Task A_proof_whose_exp_is_within_the_skew_is_accepted()
    {
        var result = await Validate(Proof().WithIssuedAt(Now.AddSeconds(-60)).WithExpiry(Now.AddSeconds(-30)).Build());

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    // ---- ath, jti, required claims ----

    [Fact]
    [ConformanceCase("rfc9449-dpop-ath-mismatch-must-be-rejected")]
    public async Task An_ath_of_another_token_is_rejected()
    {
        await AssertRejected(RejectionReason.DPoPAccessTokenHashMismatch, Proof().WithAccessToken("token-b").Build());
    }

    [Fact]
    public async Task A_proof_without_ath_is_rejected()
    {
        await AssertRejected(RejectionReason.DPoPAccessTokenHashMissing, Proof().WithAccessTokenHash(null).Build());
    }

    [Theory]
    [InlineData("jti", RejectionReason.DPoPMissingTokenIdClaim)]
    [InlineData("htm", RejectionReason.DPoPMissingMethodClaim)]
    [InlineData("htu", RejectionReason.DPoPMissingUrlClaim)]
    [InlineData("iat", RejectionReason.DPoPMissingIssuedAtClaim)]
    public async Task A_proof_missing_a_required_claim_is_rejected_naming_the_claim(string claim, RejectionReason expected)
    {
        await AssertRejected(expected, Proof().WithClaim(claim, null).Build());
        Assert.Equal($"The DPoP proof lacks the required claim {claim}", expected.Description());
    }

    [Fact]
    public async Task A_string_iat_is_rejected()
    {
        await AssertRejected(RejectionReason.DPoPInvalidClaimValue, Proof().WithClaim("iat", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)).Build());
    }

    [Fact]
    public async Task An_empty_jti_is_rejected()
    {
        await AssertRejected(RejectionReason.DPoPInvalidClaimValue, Proof().WithJti(string.Empty).Build());
    }

    // ---- signature and replay ----

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task A_corrupt_signature_is_rejected(string algorithm)
    {
        using var key = DPoPKey.Create(algorithm);

        await AssertRejected(RejectionReason.DPoPInvalidSignature, Proof(key).WithCorruptSignature().Build(), key: key);
    }

    [Fact]
    public async Task An_all_zero_es256_signature_is_rejected()
    {
        var proof = Proof().Build();
        var forged = proof[..(proof.LastIndexOf('.') + 1)] + Base64Url.EncodeToString(new byte[64]);

        await AssertRejected(RejectionReason.DPoPInvalidSignature, forged);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-replay-must-be-detected")]
    public async Task The_same_proof_is_rejected_on_its_second_use()
    {
        var proof = Proof().Build();

        var first = await Validate(proof);
        var second = await Validate(proof);

        Assert.True(first.Succeeded);
        Assert.Equal(RejectionReason.DPoPReplayed, second.Reason);
    }

    [Fact]
    public async Task Sixty_four_concurrent_verifications_of_one_proof_accept_exactly_one()
    {
        var proof = Proof().Build();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await Validate(proof))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(63, results.Count(r => r.Reason == RejectionReason.DPoPReplayed));
    }

    [Fact]
    public async Task An_unavailable_replay_store_fails_closed_by_default()
    {
        using var validator = Validator(_time, cache: ReplayCacheAnswering(ReplayCheckResult.Unavailable));

        var result = await validator.ValidateAsync(Request(Proof().Build(), _key.Thumbprint));

        Assert.Equal(RejectionReason.ReplayStoreUnavailable, result.Reason);
    }

    [Fact]
    public async Task An_unavailable_replay_store_is_accepted_only_with_fail_open()
    {
        using var validator = Validator(_time, Options(o => o.ReplayStoreFailOpen = true), ReplayCacheAnswering(ReplayCheckResult.Unavailable));

        var result = await validator.ValidateAsync(Request(Proof().Build(), _key.Thumbprint));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_rejected_proof_is_never_recorded_in_the_replay_store()
    {
        var cache = ReplayCacheAnswering(ReplayCheckResult.Added);
        using var validator = Validator(_time, cache: cache);

        await validator.ValidateAsync(Request(Proof().WithCorruptSignature().Build(), _key.Thumbprint));

        await cache.DidNotReceiveWithAnyArgs().TryAddAsync(default, default);
    }
}
