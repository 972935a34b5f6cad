using System.Text.Json.Nodes;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Conformance;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>The catalog cases of surfaces sdk-verifier.jwt and sdk-verifier.claims, against a real TestAuthority.</summary>
public sealed class AccessTokenConformanceTests
{
    [Fact]
    [ConformanceCase("rfc9068-valid-at-jwt-must-verify")]
    public async Task A_valid_at_jwt_verifies_and_exposes_its_claims()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d =>
        {
            d.Subject = "user123";
            d.ClientId = "client456";
            d.TokenId = "token-id-123";
            d.Scopes = ["calendar:read", "calendar:write"];
        });

        var result = await harness.VerifyAsync(token);

        Assert.True(result.Succeeded);
        Assert.Equal(RejectionReason.None, result.Reason);
        var verified = result.Token!;
        Assert.Equal(harness.Authority.Issuer, verified.Issuer);
        Assert.Equal("user123", verified.Subject);
        Assert.Equal("client456", verified.ClientId);
        Assert.Equal("token-id-123", verified.TokenId);
        Assert.Equal([AuthorityHarness.Resource], verified.Audiences);
        Assert.Equal(["calendar:read", "calendar:write"], verified.Scopes);
        Assert.Equal(harness.Authority.ActiveKey.KeyId, verified.KeyId);
        Assert.Equal("ES256", verified.Algorithm);
        Assert.Equal(harness.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), verified.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(token, verified.RawToken);
        Assert.False(verified.IsDPoPBound);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("dpop+jwt")]
    [InlineData("jwt")]
    [InlineData(null)]
    [ConformanceCase("rfc9068-typ-must-be-at-jwt")]
    public async Task A_typ_other_than_at_jwt_is_rejected(string? typ)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d => d.Header["typ"] = typ is null ? null : JsonValue.Create(typ));

        var result = await harness.VerifyAsync(token);

        Assert.Equal(RejectionReason.InvalidTokenType, result.Reason);
    }

    [Theory]
    [InlineData("", "https://wrong-issuer.com", RejectionReason.IssuerMismatch)]
    [InlineData("", "{issuer}/", RejectionReason.IssuerMismatch)]
    [InlineData("", "{issuer}/tenant", RejectionReason.IssuerMismatch)]
    [InlineData("/", "{issuer}", RejectionReason.None)]
    [ConformanceCase("rfc9068-issuer-must-match")]
    public async Task The_iss_claim_must_equal_the_configured_issuer_byte_for_byte(string issuerPath, string iss, RejectionReason expected)
    {
        await using var harness = await AuthorityHarness.StartAsync(issuerPath: issuerPath);
        var token = harness.Mint(d => d.Claims["iss"] = iss.Replace("{issuer}", harness.Authority.Issuer, StringComparison.Ordinal));

        var result = await harness.VerifyAsync(token);

        Assert.Equal(expected, result.Reason);
        if (expected == RejectionReason.None)
        {
            Assert.EndsWith("/", result.Token!.Issuer, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://wrong-audience.com")]
    [InlineData("https://mcp.example.com/mcp/")]
    [InlineData("https://mcp.example.com/MCP")]
    [InlineData("HTTPS://MCP.EXAMPLE.COM/mcp")]
    [InlineData("https://mcp.example.com")]
    [ConformanceCase("rfc9068-audience-must-match-resource")]
    public async Task An_aud_without_the_exact_resource_is_rejected(string audience)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var asString = harness.Mint(d => d.Claims["aud"] = audience);
        var asArray = harness.Mint(d => d.Audiences = [audience]);

        Assert.Equal(RejectionReason.AudienceMismatch, (await harness.VerifyAsync(asString)).Reason);
        Assert.Equal(RejectionReason.AudienceMismatch, (await harness.VerifyAsync(asArray)).Reason);
    }

    [Theory]
    [InlineData("iss", RejectionReason.MissingIssuerClaim, "The access token lacks the required claim iss")]
    [InlineData("exp", RejectionReason.MissingExpirationClaim, "The access token lacks the required claim exp")]
    [InlineData("aud", RejectionReason.MissingAudienceClaim, "The access token lacks the required claim aud")]
    [InlineData("sub", RejectionReason.MissingSubjectClaim, "The access token lacks the required claim sub")]
    [InlineData("client_id", RejectionReason.MissingClientIdClaim, "The access token lacks the required claim client_id")]
    [InlineData("iat", RejectionReason.MissingIssuedAtClaim, "The access token lacks the required claim iat")]
    [InlineData("jti", RejectionReason.MissingTokenIdClaim, "The access token lacks the required claim jti")]
    [ConformanceCase("rfc9068-required-claims-must-be-enforced")]
    public async Task A_token_missing_a_required_claim_is_rejected_naming_the_claim(string claim, RejectionReason expected, string description)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d => d.Claims[claim] = null);

        var result = await harness.VerifyAsync(token);

        Assert.Equal(expected, result.Reason);
        Assert.Equal(description, result.Reason.Description());
    }

    [Fact]
    [ConformanceCase("rfc9068-token-header-must-contain-kid")]
    public async Task A_header_without_kid_is_rejected()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d => d.Header["kid"] = null);

        var result = await harness.VerifyAsync(token);

        Assert.Equal(RejectionReason.MissingKeyId, result.Reason);
        Assert.Equal(0, harness.Authority.JwksFetchCount);
    }

    [Fact]
    [ConformanceCase("rfc9068-iat-future-must-be-rejected-beyond-leeway")]
    public async Task An_iat_beyond_the_clock_skew_in_the_future_is_rejected()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var now = harness.Time.GetUtcNow();
        var beyond = harness.Mint(d => { d.IssuedAt = now.AddSeconds(31); d.NotBefore = null; });
        var atSkew = harness.Mint(d => { d.IssuedAt = now.AddSeconds(30); d.NotBefore = null; });

        Assert.Equal(RejectionReason.TokenIssuedInFuture, (await harness.VerifyAsync(beyond)).Reason);
        Assert.True((await harness.VerifyAsync(atSkew)).Succeeded);
    }

    [Fact]
    [ConformanceCase("rfc9068-nbf-must-be-honored-when-present")]
    public async Task An_nbf_five_minutes_ahead_is_rejected()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d =>
        {
            d.Subject = "user123";
            d.ClientId = "client456";
            d.TokenId = "token-id-123";
            d.NotBefore = harness.Time.GetUtcNow().AddMinutes(5);
        });

        var result = await harness.VerifyAsync(token);

        Assert.Equal(RejectionReason.TokenNotYetValid, result.Reason);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [ConformanceCase("rfc8725-allowed-jwt-algorithms-must-be-restricted")]
    public async Task Unsupported_algorithms_are_refused_in_configuration_and_in_tokens(string algorithm)
    {
        // Construction: the options validator refuses the algorithm and names the setting.
        var options = new AuthPlaneOptions
        {
            Issuer = "https://auth.example.com",
            Resource = AuthorityHarness.Resource,
            AllowedAlgorithms = ["ES256", algorithm],
        };
        var validation = new AuthPlaneOptionsValidator().Validate(null, options);
        Assert.True(validation.Failed);
        Assert.Contains("AuthPlane:AllowedAlgorithms (AUTHPLANE_ALLOWED_ALGORITHMS)", validation.FailureMessage, StringComparison.Ordinal);

        // Verification: even a verifier configured with it (validation bypassed) rejects such a token.
        await using var harness = await AuthorityHarness.StartAsync();
        options.Issuer = harness.Authority.Issuer;
        var verifier = new AccessTokenVerifier(harness.Keys, Options.Create(options), harness.Time);
        var token = harness.Mint(d =>
        {
            d.Header["alg"] = algorithm;
            d.Signature = algorithm == "none" ? [] : new byte[32];
        });

        var result = await verifier.VerifyAsync(token);

        Assert.Equal(RejectionReason.AlgorithmNotAllowed, result.Reason);
    }

    [Fact]
    [ConformanceCase("rfc8707-verifier-must-accept-resource-when-present-in-aud-array")]
    public async Task The_resource_as_one_value_of_an_aud_array_is_accepted()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d => d.Audiences = ["https://other.example.com", AuthorityHarness.Resource]);

        var result = await harness.VerifyAsync(token);

        Assert.True(result.Succeeded);
        Assert.Equal(["https://other.example.com", AuthorityHarness.Resource], result.Token!.Audiences);
    }

    [Fact]
    [ConformanceCase("rfc9068-token-header-must-contain-alg")]
    public async Task A_header_without_alg_is_rejected()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint(d => d.Header["alg"] = null);

        var result = await harness.VerifyAsync(token);

        Assert.Equal(RejectionReason.MissingAlgorithm, result.Reason);
    }

    [Fact]
    [ConformanceCase("rfc9068-signature-failure-must-reject-token")]
    public async Task A_signature_that_does_not_verify_is_rejected()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var impostor = harness.Authority.CreateUnpublishedKey();
        var forged = harness.Mint(d =>
        {
            d.SigningKey = impostor;
            d.Header["kid"] = harness.Authority.ActiveKey.KeyId;
        });
        var valid = harness.Mint();
        var tampered = valid[..valid.LastIndexOf('.')] + "." + harness.Mint(d => d.Subject = "other").Split('.')[2];

        Assert.Equal(RejectionReason.InvalidSignature, (await harness.VerifyAsync(forged)).Reason);
        Assert.Equal(RejectionReason.InvalidSignature, (await harness.VerifyAsync(tampered)).Reason);
    }

    [Theory]
    [InlineData("exp_past_beyond_skew", -31, null, RejectionReason.TokenExpired)]
    [InlineData("exp_past_within_skew", -29, null, RejectionReason.None)]
    [InlineData("nbf_future_beyond_skew", null, 31, RejectionReason.TokenNotYetValid)]
    [InlineData("nbf_future_within_skew", null, 29, RejectionReason.None)]
    [ConformanceCase("rfc9068-expiration-and-clock-skew-must-be-enforced")]
    public async Task Exp_and_nbf_are_enforced_with_a_30_second_skew(string row, int? expOffset, int? nbfOffset, RejectionReason expected)
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.ClockSkew = TimeSpan.FromSeconds(30));
        var now = harness.Time.GetUtcNow();
        var token = harness.Mint(d =>
        {
            d.IssuedAt = now.AddMinutes(-10);
            d.NotBefore = nbfOffset is { } nbf ? now.AddSeconds(nbf) : null;
            d.ExpiresAt = expOffset is { } exp ? now.AddSeconds(exp) : now.AddHours(1);
        });

        var result = await harness.VerifyAsync(token);

        Assert.True(expected == result.Reason, $"{row}: expected {expected}, got {result.Reason}");
    }

    [Fact]
    [ConformanceCase("authplane-agent-id-must-be-exposed-as-first-class-field")]
    public async Task Agent_id_is_a_typed_field_and_absent_means_no_agent()
    {
        await using var harness = await AuthorityHarness.StartAsync();

        var withAgent = await harness.VerifyAsync(harness.Mint(d => d.AgentId = "research-agent"));
        var withoutAgent = await harness.VerifyAsync(harness.Mint());

        Assert.Equal("research-agent", withAgent.Token!.AgentId);
        Assert.Null(withoutAgent.Token!.AgentId);
    }

    [Fact]
    [ConformanceCase("authplane-agent-chain-must-be-exposed-as-first-class-field")]
    public async Task Agent_chain_is_a_typed_list_and_absent_means_empty()
    {
        await using var harness = await AuthorityHarness.StartAsync();

        var withChain = await harness.VerifyAsync(harness.Mint(d => d.AgentChain = ["orchestrator", "research-agent", "summarizer"]));
        var withoutChain = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(["orchestrator", "research-agent", "summarizer"], withChain.Token!.AgentChain);
        Assert.Empty(withoutChain.Token!.AgentChain);
    }

    [Fact]
    [ConformanceCase("authplane-nbf-must-be-exposed-as-typed-field-on-verified-claims")]
    public async Task Nbf_is_a_typed_field_and_absent_means_none()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var nbf = harness.Time.GetUtcNow().AddSeconds(-120);

        var withNbf = await harness.VerifyAsync(harness.Mint(d => d.NotBefore = nbf));
        var withoutNbf = await harness.VerifyAsync(harness.Mint(d => d.NotBefore = null));

        Assert.Equal(nbf.ToUnixTimeSeconds(), withNbf.Token!.NotBefore!.Value.ToUnixTimeSeconds());
        Assert.Null(withoutNbf.Token!.NotBefore);
    }
}
