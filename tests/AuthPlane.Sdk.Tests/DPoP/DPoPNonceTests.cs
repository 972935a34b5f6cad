using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Conformance;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>Stateless server nonces (RFC 9449 §8, §9) as checked by the proof validator.</summary>
public sealed class DPoPNonceTests : IDisposable
{
    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly DPoPProofValidator _validator;

    public DPoPNonceTests()
    {
        _validator = Validator(_time, NonceOptions(NonceKey));
    }

    public void Dispose()
    {
        _key.Dispose();
        _validator.Dispose();
    }

    private static AuthPlaneOptions NonceOptions(string key) => Options(o =>
    {
        o.RequireNonce = true;
        o.NonceKey = key;
        o.NonceLifetime = TimeSpan.FromMinutes(5);
    });

    private DPoPProofBuilder Proof(string? nonce, string? jti = null)
    {
        var builder = new DPoPProofBuilder(_key, "POST", Resource, _time).WithAccessToken(AccessToken).WithNonce(nonce);
        return jti is null ? builder : builder.WithJti(jti);
    }

    private ValueTask<DPoPProofResult> Validate(string proof, DPoPProofValidator? validator = null)
        => (validator ?? _validator).ValidateAsync(Request(proof, _key.Thumbprint));

    private async Task<string> ChallengeNonce()
    {
        var challenge = await Validate(Proof(null).Build());
        Assert.Equal(RejectionReason.DPoPNonceRequired, challenge.Reason);
        return challenge.Nonce!;
    }

    [Fact]
    public async Task A_proof_without_nonce_gets_use_dpop_nonce_with_a_fresh_nonce()
    {
        var result = await Validate(Proof(null).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
        Assert.Equal(AuthPlaneErrorCodes.UseDPoPNonce, result.Reason.ErrorCode());
        Assert.False(string.IsNullOrEmpty(result.Nonce));
    }

    [Fact]
    public async Task A_retry_with_the_issued_nonce_and_the_same_jti_is_accepted_not_reported_as_replay()
    {
        var first = await Validate(Proof(null, jti: "retry-jti").Build());

        var retry = await Validate(Proof(first.Nonce, jti: "retry-jti").Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, first.Reason);
        Assert.True(retry.Succeeded, retry.Reason.ToString());
        Assert.Null(retry.Nonce);
    }

    [Theory]
    [ConformanceCase("rfc9449-dpop-inbound-nonce-must-be-validated-when-required")]
    [InlineData("wrong-nonce")]
    [InlineData("server-nonce-abc")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_or_garbled_nonce_is_rejected_with_a_fresh_one(string nonce)
    {
        var result = await Validate(Proof(nonce).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
        Assert.NotNull(result.Nonce);
        Assert.NotEqual(nonce, result.Nonce);
    }

    [Fact]
    public async Task A_nonce_older_than_its_lifetime_is_rejected()
    {
        var nonce = await ChallengeNonce();
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await Validate(Proof(nonce).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
    }

    [Fact]
    public async Task A_nonce_at_the_end_of_its_lifetime_is_accepted_with_a_rotation()
    {
        var nonce = await ChallengeNonce();
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = await Validate(Proof(nonce).Build());

        Assert.True(result.Succeeded, result.Reason.ToString());
        Assert.NotNull(result.Nonce);
        Assert.NotEqual(nonce, result.Nonce);
    }

    [Fact]
    public async Task A_nonce_before_half_its_lifetime_is_not_rotated()
    {
        var nonce = await ChallengeNonce();
        _time.Advance(TimeSpan.FromSeconds(150));

        var result = await Validate(Proof(nonce).Build());

        Assert.True(result.Succeeded);
        Assert.Null(result.Nonce);
    }

    [Fact]
    public async Task A_nonce_issued_for_another_proof_key_is_rejected()
    {
        using var other = DPoPKey.Create("ES256");
        var foreign = await _validator.ValidateAsync(Request(
            new DPoPProofBuilder(other, "POST", Resource, _time).WithAccessToken(AccessToken).Build(), other.Thumbprint));

        var result = await Validate(Proof(foreign.Nonce).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
    }

    [Fact]
    public async Task A_nonce_issued_under_another_server_key_is_rejected()
    {
        using var otherDeployment = Validator(_time, NonceOptions(Convert.ToBase64String(new byte[32])));
        var foreign = await otherDeployment.ValidateAsync(Request(Proof(null).Build(), _key.Thumbprint));

        var result = await Validate(Proof(foreign.Nonce).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
    }

    [Fact]
    public async Task A_nonce_from_the_future_beyond_the_skew_is_rejected()
    {
        var future = new FakeTimeProvider(Now.AddSeconds(31));
        var wrapped = Microsoft.Extensions.Options.Options.Create(NonceOptions(NonceKey));
        var nonce = new DPoPNonceService(wrapped, future).Issue(_key.Thumbprint);

        var result = await Validate(Proof(nonce).Build());

        Assert.Equal(RejectionReason.DPoPNonceRequired, result.Reason);
    }

    [Fact]
    public async Task Every_instance_with_the_same_key_accepts_the_others_nonces()
    {
        using var otherInstance = Validator(_time, NonceOptions(NonceKey));
        var nonce = await ChallengeNonce();

        var result = await Validate(Proof(nonce).Build(), otherInstance);

        Assert.True(result.Succeeded, result.Reason.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void A_missing_short_or_garbled_nonce_key_fails_at_start_up_naming_the_setting(string? key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Validator(_time, NonceOptions(key!)));

        Assert.Contains("AuthPlane:DPoP:NonceKey", error.Message, StringComparison.Ordinal);
    }
}
