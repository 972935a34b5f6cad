using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Tokens;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>Attacker-side inputs (issue 2 "How it will be checked"), each with the exact rejection reason.</summary>
public sealed class AccessTokenAttackTests : IAsyncLifetime
{
    private AuthorityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthorityHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private DateTimeOffset Now => _harness.Time.GetUtcNow();

    private string Kid => _harness.Authority.ActiveKey.KeyId;

    private string ValidPayload => new JsonObject
    {
        ["iss"] = _harness.Authority.Issuer,
        ["sub"] = "user-1",
        ["aud"] = new JsonArray(AuthorityHarness.Resource),
        ["client_id"] = "client-1",
        ["jti"] = "jti-1",
        ["iat"] = Now.ToUnixTimeSeconds(),
        ["exp"] = Now.AddHours(1).ToUnixTimeSeconds(),
    }.ToJsonString();

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public async Task Alg_none_in_any_case_with_an_empty_signature_is_refused(string alg)
    {
        var token = _harness.Mint(d =>
        {
            d.Header["alg"] = alg;
            d.Signature = [];
        });
        Assert.EndsWith(".", token, StringComparison.Ordinal);

        Assert.Equal(RejectionReason.AlgorithmNotAllowed, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task An_empty_signature_with_ES256_is_an_invalid_signature()
    {
        var token = _harness.Mint(d => d.Signature = []);

        Assert.Equal(RejectionReason.InvalidSignature, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task HS256_signed_with_the_authority_public_key_as_secret_is_refused()
    {
        // The classic key-confusion attack: HMAC keyed with the published public key material.
        var publicJwk = _harness.Authority.ActiveKey.PublicJwk().ToJsonString();
        var header = new JsonObject { ["typ"] = "at+jwt", ["alg"] = "HS256", ["kid"] = Kid }.ToJsonString();
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ValidPayload));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(publicJwk), Encoding.ASCII.GetBytes(signingInput));
        var token = signingInput + "." + Base64Url.EncodeToString(mac);

        Assert.Equal(RejectionReason.AlgorithmNotAllowed, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task An_attacker_key_in_a_jwk_header_is_never_used()
    {
        var attacker = _harness.Authority.CreateUnpublishedKey();
        var token = _harness.Mint(d =>
        {
            d.SigningKey = attacker;
            d.Header["jwk"] = attacker.PublicJwk();
        });

        Assert.Equal(RejectionReason.EmbeddedKeyNotAllowed, (await _harness.VerifyAsync(token)).Reason);
    }

    [Theory]
    [InlineData("jku", "https://attacker.example/jwks.json")]
    [InlineData("x5u", "https://attacker.example/cert.pem")]
    public async Task Key_url_headers_are_refused(string member, string url)
    {
        var token = _harness.Mint(d => d.Header[member] = url);

        Assert.Equal(RejectionReason.EmbeddedKeyNotAllowed, (await _harness.VerifyAsync(token)).Reason);
        Assert.Equal(0, _harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task An_x5c_header_is_refused()
    {
        var token = _harness.Mint(d => d.Header["x5c"] = new JsonArray("MIIBIjANBgkq"));

        Assert.Equal(RejectionReason.EmbeddedKeyNotAllowed, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task An_unknown_crit_header_is_refused()
    {
        var token = _harness.Mint(d =>
        {
            d.Header["crit"] = new JsonArray("urn:example:policy");
            d.Header["urn:example:policy"] = "strict";
        });

        Assert.Equal(RejectionReason.UnsupportedCriticalHeader, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_duplicate_alg_member_is_refused()
    {
        var header = $$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}","alg":"none"}""";
        var token = _harness.Authority.SignCompact(header, ValidPayload);

        Assert.Equal(RejectionReason.DuplicateJsonMember, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_duplicate_alg_written_with_an_escape_is_refused()
    {
        var header = $$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}","al\u0067":"ES256"}""";
        var token = _harness.Authority.SignCompact(header, ValidPayload);

        Assert.Equal(RejectionReason.DuplicateJsonMember, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_duplicate_aud_member_is_refused()
    {
        var header = $$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""";
        var payload = ValidPayload.TrimEnd('}') + ""","aud":"https://attacker.example"}""";
        var token = _harness.Authority.SignCompact(header, payload);

        Assert.Equal(RejectionReason.DuplicateJsonMember, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_duplicate_member_in_a_nested_object_is_refused()
    {
        var header = $$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""";
        var payload = ValidPayload.TrimEnd('}') + ""","cnf":{"jkt":"a","jkt":"b"}}""";
        var token = _harness.Authority.SignCompact(header, payload);

        Assert.Equal(RejectionReason.DuplicateJsonMember, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_64_KB_token_is_refused_before_decoding()
    {
        var token = _harness.Mint(d => d.Claims["padding"] = new string('a', 64 * 1024));
        Assert.True(token.Length > 64 * 1024);

        Assert.Equal(RejectionReason.TokenTooLarge, (await _harness.VerifyAsync(token)).Reason);
        Assert.Equal(RejectionReason.TokenTooLarge, (await _harness.VerifyAsync(new string('.', 64 * 1024))).Reason);
    }

    [Fact]
    public async Task An_ES256_signature_of_all_zero_bytes_is_invalid()
    {
        var token = _harness.Mint(d => d.Signature = new byte[64]);

        Assert.Equal(RejectionReason.InvalidSignature, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task An_ES256_signature_of_the_wrong_length_is_invalid()
    {
        var valid = _harness.Mint();
        var signature = Base64Url.DecodeFromChars(valid.AsSpan(valid.LastIndexOf('.') + 1));
        var der = _harness.Mint(d => d.Signature = [.. signature, 0]);

        Assert.Equal(RejectionReason.InvalidSignature, (await _harness.VerifyAsync(der)).Reason);
    }

    [Fact]
    public async Task A_JWE_is_refused_without_decryption()
    {
        const string jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";

        Assert.Equal(RejectionReason.EncryptedOrNestedToken, (await _harness.VerifyAsync(jwe)).Reason);
    }

    [Fact]
    public async Task A_nested_JWT_is_refused()
    {
        var token = _harness.Mint(d => d.Header["cty"] = "JWT");

        Assert.Equal(RejectionReason.EncryptedOrNestedToken, (await _harness.VerifyAsync(token)).Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJ0eXAiOiJhdCtqd3QifQ==.eyJ9.c2ln")]
    [InlineData("eyJ0eXAiOiJhdCtqd3QifQ.e30 .c2ln")]
    [InlineData("bm90IGpzb24.e30.c2ln")]
    [InlineData("W10.e30.c2ln")]
    [InlineData(".e30.c2ln")]
    public async Task Malformed_tokens_are_refused(string token)
    {
        Assert.Equal(RejectionReason.MalformedToken, (await _harness.VerifyAsync(token)).Reason);
    }

    [Theory]
    [InlineData("aud", "42")]
    [InlineData("aud", "[\"https://mcp.example.com/mcp\", 7]")]
    [InlineData("exp", "\"9999999999\"")]
    [InlineData("iat", "true")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("sub", "123")]
    [InlineData("client_id", "\"\"")]
    [InlineData("scope", "[\"a\",\"b\"]")]
    [InlineData("agent_id", "1")]
    [InlineData("agent_chain", "\"a b\"")]
    [InlineData("act", "\"someone\"")]
    [InlineData("act", "{\"client_id\":\"c\"}")]
    public async Task Claims_of_the_wrong_JSON_type_are_refused(string claim, string json)
    {
        var token = _harness.Mint(d => d.Claims[claim] = JsonNode.Parse(json));

        Assert.Equal(RejectionReason.InvalidClaimValue, (await _harness.VerifyAsync(token)).Reason);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"jkt\":42}")]
    [InlineData("{\"jkt\":\"short\"}")]
    [InlineData("{\"x5t#S256\":\"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2\"}")]
    [InlineData("\"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\"")]
    public async Task A_cnf_without_a_valid_jkt_is_refused(string cnf)
    {
        var token = _harness.Mint(d => d.Claims["cnf"] = JsonNode.Parse(cnf));

        Assert.Equal(RejectionReason.InvalidConfirmationClaim, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task Exp_exactly_at_the_skew_boundary_is_expired_and_one_second_before_is_not()
    {
        // Documented boundary: expired when now >= exp + skew.
        var atBoundary = _harness.Mint(d => d.ExpiresAt = Now.AddSeconds(-30));
        var inside = _harness.Mint(d => d.ExpiresAt = Now.AddSeconds(-29));

        Assert.Equal(RejectionReason.TokenExpired, (await _harness.VerifyAsync(atBoundary)).Reason);
        Assert.True((await _harness.VerifyAsync(inside)).Succeeded);
    }

    [Fact]
    public async Task Nbf_exactly_at_the_skew_boundary_is_valid_and_one_second_later_is_not()
    {
        var atBoundary = _harness.Mint(d => d.NotBefore = Now.AddSeconds(30));
        var outside = _harness.Mint(d => d.NotBefore = Now.AddSeconds(31));

        Assert.True((await _harness.VerifyAsync(atBoundary)).Succeeded);
        Assert.Equal(RejectionReason.TokenNotYetValid, (await _harness.VerifyAsync(outside)).Reason);
    }

    [Fact]
    public async Task A_cached_token_is_rejected_once_it_expires()
    {
        var token = _harness.Mint(d => d.ExpiresAt = Now.AddMinutes(2));
        await _harness.UseUntilCachedAsync(token);

        _harness.FakeTime.Advance(TimeSpan.FromSeconds(149));
        Assert.True((await _harness.VerifyAsync(token)).Succeeded);

        _harness.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RejectionReason.TokenExpired, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task A_token_of_an_ES256_algorithm_signed_by_a_P384_key_is_refused()
    {
        var p384 = _harness.Authority.CreateUnpublishedKey("ES384");
        _harness.Authority.PublishKey(p384);
        var token = _harness.Mint(d =>
        {
            d.SigningKey = p384;
            d.Header["alg"] = "ES256";
        });

        Assert.Equal(RejectionReason.SigningKeyNotUsable, (await _harness.VerifyAsync(token)).Reason);
    }

    [Fact]
    public async Task Typ_application_at_jwt_is_accepted()
    {
        var token = _harness.Mint(d => d.Header["typ"] = "application/at+jwt");

        Assert.True((await _harness.VerifyAsync(token)).Succeeded);
    }

    [Fact]
    public async Task Rich_claims_are_exposed()
    {
        const string jkt = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
        var token = _harness.Mint(d =>
        {
            d.Scopes = ["a", "b:c"];
            d.ConfirmationThumbprint = jkt;
            d.Actors = [new TokenActor("agent-1", "agent-client"), new TokenActor("user-0", null)];
            d.Claims["tenant"] = "acme";
        });

        var verified = (await _harness.VerifyAsync(token)).Token!;

        Assert.Equal(["a", "b:c"], verified.Scopes);
        Assert.Equal(jkt, verified.ConfirmationThumbprint);
        Assert.True(verified.IsDPoPBound);
        Assert.Equal([new TokenActor("agent-1", "agent-client"), new TokenActor("user-0", null)], verified.ActorChain);
        Assert.Equal("acme", verified.Claims.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task An_RS256_token_verifies()
    {
        var rsa = _harness.Authority.RotateKey("RS256");
        var token = _harness.Mint();

        var result = await _harness.VerifyAsync(token);

        Assert.True(result.Succeeded);
        Assert.Equal("RS256", result.Token!.Algorithm);
        Assert.Equal(rsa.KeyId, result.Token.KeyId);
    }

    [Fact]
    public async Task An_algorithm_left_out_of_the_allow_list_is_refused()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.AllowedAlgorithms = ["RS256"]);
        var token = harness.Mint();

        Assert.Equal(RejectionReason.AlgorithmNotAllowed, (await harness.VerifyAsync(token)).Reason);
    }
}
