using AuthPlane.Sdk.Errors;
using Xunit;

namespace AuthPlane.Sdk.Tests.Challenges;

/// <summary>
/// The wire table of every <see cref="RejectionReason"/>, written out member by member, so that a new member without a
/// row, or a row that moves to another error code, fails here.
/// </summary>
public sealed class RejectionReasonTableTests
{
    public static TheoryData<RejectionReason, string, int> WireTable => new()
    {
        { RejectionReason.MalformedAuthorizationHeader, "invalid_request", 400 },
        { RejectionReason.TokenTooLarge, "invalid_token", 401 },
        { RejectionReason.MalformedToken, "invalid_token", 401 },
        { RejectionReason.EncryptedOrNestedToken, "invalid_token", 401 },
        { RejectionReason.DuplicateJsonMember, "invalid_token", 401 },
        { RejectionReason.InvalidTokenType, "invalid_token", 401 },
        { RejectionReason.MissingAlgorithm, "invalid_token", 401 },
        { RejectionReason.AlgorithmNotAllowed, "invalid_token", 401 },
        { RejectionReason.MissingKeyId, "invalid_token", 401 },
        { RejectionReason.EmbeddedKeyNotAllowed, "invalid_token", 401 },
        { RejectionReason.UnsupportedCriticalHeader, "invalid_token", 401 },
        { RejectionReason.UnknownSigningKey, "invalid_token", 401 },
        { RejectionReason.SigningKeyNotUsable, "invalid_token", 401 },
        { RejectionReason.InvalidSignature, "invalid_token", 401 },
        { RejectionReason.TokenExpired, "invalid_token", 401 },
        { RejectionReason.TokenNotYetValid, "invalid_token", 401 },
        { RejectionReason.TokenIssuedInFuture, "invalid_token", 401 },
        { RejectionReason.IssuerMismatch, "invalid_token", 401 },
        { RejectionReason.AudienceMismatch, "invalid_token", 401 },
        { RejectionReason.MissingIssuerClaim, "invalid_token", 401 },
        { RejectionReason.MissingAudienceClaim, "invalid_token", 401 },
        { RejectionReason.MissingSubjectClaim, "invalid_token", 401 },
        { RejectionReason.MissingClientIdClaim, "invalid_token", 401 },
        { RejectionReason.MissingTokenIdClaim, "invalid_token", 401 },
        { RejectionReason.MissingExpirationClaim, "invalid_token", 401 },
        { RejectionReason.MissingIssuedAtClaim, "invalid_token", 401 },
        { RejectionReason.InvalidClaimValue, "invalid_token", 401 },
        { RejectionReason.TokenInactive, "invalid_token", 401 },
        { RejectionReason.BoundTokenUsedAsBearer, "invalid_token", 401 },
        { RejectionReason.DPoPProofMissing, "invalid_token", 401 },
        { RejectionReason.DPoPKeyBindingMismatch, "invalid_token", 401 },
        { RejectionReason.DPoPRequiredButTokenUnbound, "invalid_token", 401 },
        { RejectionReason.DPoPNotSupported, "invalid_token", 401 },
        { RejectionReason.InvalidConfirmationClaim, "invalid_token", 401 },
        { RejectionReason.MultipleDPoPProofs, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPProofTooLarge, "invalid_dpop_proof", 401 },
        { RejectionReason.MalformedDPoPProof, "invalid_dpop_proof", 401 },
        { RejectionReason.InvalidDPoPProofType, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPAlgorithmNotAllowed, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPJwkMissing, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPJwkContainsPrivateKey, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPJwkInvalid, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPInvalidSignature, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPMethodMismatch, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPUrlMismatch, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPProofTooOld, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPProofIssuedInFuture, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPProofExpired, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPAccessTokenHashMissing, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPAccessTokenHashMismatch, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPMissingMethodClaim, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPMissingUrlClaim, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPMissingIssuedAtClaim, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPMissingTokenIdClaim, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPInvalidClaimValue, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPReplayed, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPProofWithUnboundToken, "invalid_dpop_proof", 401 },
        { RejectionReason.DPoPNonceRequired, "use_dpop_nonce", 401 },
        { RejectionReason.AuthorityUnavailable, "temporarily_unavailable", 503 },
        { RejectionReason.ReplayStoreUnavailable, "temporarily_unavailable", 503 },
        { RejectionReason.IntrospectionUnavailable, "temporarily_unavailable", 503 },
    };

    [Fact]
    public void Every_rejection_reason_has_a_row_in_the_wire_table()
    {
        var covered = WireTable.Select(row => (RejectionReason)row[0]).ToHashSet();
        var missing = Enum.GetValues<RejectionReason>().Where(reason => reason != RejectionReason.None && !covered.Contains(reason));

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(WireTable))]
    public void Each_reason_maps_to_its_error_code_and_status(RejectionReason reason, string errorCode, int status)
    {
        Assert.Equal(errorCode, reason.ErrorCode());
        Assert.Equal(status, reason.StatusCode());
        Assert.Equal(status == 503, reason.IsUnavailable());
    }

    [Theory]
    [MemberData(nameof(WireTable))]
    public void Each_description_is_fixed_header_safe_text(RejectionReason reason, string errorCode, int status)
    {
        _ = (errorCode, status);
        var description = reason.Description();

        Assert.NotEmpty(description);
        Assert.All(description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"{reason}: '{c}'"));
    }

    [Fact]
    public void No_two_reasons_share_a_description()
    {
        var descriptions = Enum.GetValues<RejectionReason>().Where(reason => reason != RejectionReason.None).Select(reason => reason.Description()).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void None_is_not_a_rejection()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RejectionReason.None.ErrorCode());
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_wire_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RejectionReason)10_000).ErrorCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RejectionReason)10_000).Description());
    }
}
