namespace AuthPlane.Sdk.Errors;

/// <summary>
/// Maps each <see cref="RejectionReason"/> to its wire error code, HTTP status and fixed description. Both maps are
/// explicit tables with one row per member (no ranges over the enum order), so a new member without a row fails its
/// test instead of silently inheriting a neighbour's error code.
/// </summary>
public static class RejectionReasonExtensions
{
    /// <summary>The OAuth error code sent for <paramref name="reason"/>.</summary>
    public static string ErrorCode(this RejectionReason reason) => reason switch
    {
        RejectionReason.MalformedAuthorizationHeader => AuthPlaneErrorCodes.InvalidRequest,

        RejectionReason.TokenTooLarge
            or RejectionReason.MalformedToken
            or RejectionReason.EncryptedOrNestedToken
            or RejectionReason.DuplicateJsonMember
            or RejectionReason.InvalidTokenType
            or RejectionReason.MissingAlgorithm
            or RejectionReason.AlgorithmNotAllowed
            or RejectionReason.MissingKeyId
            or RejectionReason.EmbeddedKeyNotAllowed
            or RejectionReason.UnsupportedCriticalHeader
            or RejectionReason.UnknownSigningKey
            or RejectionReason.SigningKeyNotUsable
            or RejectionReason.InvalidSignature
            or RejectionReason.TokenExpired
            or RejectionReason.TokenNotYetValid
            or RejectionReason.TokenIssuedInFuture
            or RejectionReason.IssuerMismatch
            or RejectionReason.AudienceMismatch
            or RejectionReason.MissingIssuerClaim
            or RejectionReason.MissingAudienceClaim
            or RejectionReason.MissingSubjectClaim
            or RejectionReason.MissingClientIdClaim
            or RejectionReason.MissingTokenIdClaim
            or RejectionReason.MissingExpirationClaim
            or RejectionReason.MissingIssuedAtClaim
            or RejectionReason.InvalidClaimValue
            or RejectionReason.TokenInactive
            or RejectionReason.BoundTokenUsedAsBearer
            or RejectionReason.DPoPProofMissing
            or RejectionReason.DPoPKeyBindingMismatch
            or RejectionReason.DPoPRequiredButTokenUnbound
            or RejectionReason.DPoPNotSupported
            or RejectionReason.InvalidConfirmationClaim => AuthPlaneErrorCodes.InvalidToken,

        RejectionReason.MultipleDPoPProofs
            or RejectionReason.DPoPProofTooLarge
            or RejectionReason.MalformedDPoPProof
            or RejectionReason.InvalidDPoPProofType
            or RejectionReason.DPoPAlgorithmNotAllowed
            or RejectionReason.DPoPJwkMissing
            or RejectionReason.DPoPJwkContainsPrivateKey
            or RejectionReason.DPoPJwkInvalid
            or RejectionReason.DPoPInvalidSignature
            or RejectionReason.DPoPMethodMismatch
            or RejectionReason.DPoPUrlMismatch
            or RejectionReason.DPoPProofTooOld
            or RejectionReason.DPoPProofIssuedInFuture
            or RejectionReason.DPoPProofExpired
            or RejectionReason.DPoPAccessTokenHashMissing
            or RejectionReason.DPoPAccessTokenHashMismatch
            or RejectionReason.DPoPMissingMethodClaim
            or RejectionReason.DPoPMissingUrlClaim
            or RejectionReason.DPoPMissingIssuedAtClaim
            or RejectionReason.DPoPMissingTokenIdClaim
            or RejectionReason.DPoPInvalidClaimValue
            or RejectionReason.DPoPReplayed
            or RejectionReason.DPoPProofWithUnboundToken => AuthPlaneErrorCodes.InvalidDPoPProof,

        RejectionReason.DPoPNonceRequired => AuthPlaneErrorCodes.UseDPoPNonce,

        RejectionReason.AuthorityUnavailable
            or RejectionReason.ReplayStoreUnavailable
            or RejectionReason.IntrospectionUnavailable => AuthPlaneErrorCodes.TemporarilyUnavailable,

        RejectionReason.None => throw new ArgumentOutOfRangeException(nameof(reason), "None is not a rejection."),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason."),
    };

    /// <summary>The HTTP status answered for <paramref name="reason"/>: 400, 401 or 503.</summary>
    public static int StatusCode(this RejectionReason reason) => reason.ErrorCode() switch
    {
        AuthPlaneErrorCodes.InvalidRequest => 400,
        AuthPlaneErrorCodes.TemporarilyUnavailable => 503,
        _ => 401,
    };

    /// <summary>True when the failure is the server's (503), not the client's.</summary>
    public static bool IsUnavailable(this RejectionReason reason) => reason.StatusCode() == 503;

    /// <summary>A fixed phrase that helps an operator; it never contains request data.</summary>
    public static string Description(this RejectionReason reason) => reason switch
    {
        RejectionReason.MalformedAuthorizationHeader => "The Authorization header is malformed or repeated",
        RejectionReason.TokenTooLarge => "The access token is too large",
        RejectionReason.MalformedToken => "The access token is not a well-formed JWT",
        RejectionReason.EncryptedOrNestedToken => "Encrypted or nested access tokens are not accepted",
        RejectionReason.DuplicateJsonMember => "The access token repeats a JSON member",
        RejectionReason.InvalidTokenType => "The access token typ must be at+jwt",
        RejectionReason.MissingAlgorithm => "The access token header has no alg",
        RejectionReason.AlgorithmNotAllowed => "The access token signing algorithm is not allowed",
        RejectionReason.MissingKeyId => "The access token header has no kid",
        RejectionReason.EmbeddedKeyNotAllowed => "Keys embedded in or referenced by the token header are not trusted",
        RejectionReason.UnsupportedCriticalHeader => "The access token names an unsupported critical header",
        RejectionReason.UnknownSigningKey => "The access token was signed with an unknown key",
        RejectionReason.SigningKeyNotUsable => "The signing key may not be used for this token",
        RejectionReason.InvalidSignature => "The access token signature is invalid",
        RejectionReason.TokenExpired => "The access token expired",
        RejectionReason.TokenNotYetValid => "The access token is not yet valid",
        RejectionReason.TokenIssuedInFuture => "The access token was issued in the future",
        RejectionReason.IssuerMismatch => "The access token was not issued by the expected issuer",
        RejectionReason.AudienceMismatch => "The access token was not issued for this resource",
        RejectionReason.MissingIssuerClaim => "The access token lacks the required claim iss",
        RejectionReason.MissingAudienceClaim => "The access token lacks the required claim aud",
        RejectionReason.MissingSubjectClaim => "The access token lacks the required claim sub",
        RejectionReason.MissingClientIdClaim => "The access token lacks the required claim client_id",
        RejectionReason.MissingTokenIdClaim => "The access token lacks the required claim jti",
        RejectionReason.MissingExpirationClaim => "The access token lacks the required claim exp",
        RejectionReason.MissingIssuedAtClaim => "The access token lacks the required claim iat",
        RejectionReason.InvalidClaimValue => "The access token has an invalid claim value",
        RejectionReason.TokenInactive => "The access token is no longer active",
        RejectionReason.BoundTokenUsedAsBearer => "A DPoP-bound access token must be sent with the DPoP scheme",
        RejectionReason.DPoPProofMissing => "A DPoP-bound access token requires a DPoP proof",
        RejectionReason.DPoPKeyBindingMismatch => "The DPoP proof key does not match the access token binding",
        RejectionReason.DPoPRequiredButTokenUnbound => "This resource requires a DPoP-bound access token",
        RejectionReason.DPoPNotSupported => "This resource does not accept DPoP",
        RejectionReason.InvalidConfirmationClaim => "The access token cnf claim is invalid",
        RejectionReason.MultipleDPoPProofs => "Exactly one DPoP proof is allowed",
        RejectionReason.DPoPProofTooLarge => "The DPoP proof is too large",
        RejectionReason.MalformedDPoPProof => "The DPoP proof is not a well-formed JWT",
        RejectionReason.InvalidDPoPProofType => "The DPoP proof typ must be dpop+jwt",
        RejectionReason.DPoPAlgorithmNotAllowed => "DPoP proof algorithm not allowed",
        RejectionReason.DPoPJwkMissing => "The DPoP proof has no jwk header",
        RejectionReason.DPoPJwkContainsPrivateKey => "The DPoP proof jwk contains private key material",
        RejectionReason.DPoPJwkInvalid => "The DPoP proof jwk is not a usable public key for its alg",
        RejectionReason.DPoPInvalidSignature => "The DPoP proof signature is invalid",
        RejectionReason.DPoPMethodMismatch => "DPoP proof htm does not match the request method",
        RejectionReason.DPoPUrlMismatch => "DPoP proof htu does not match the request URL (a proxy that rewrites the path breaks DPoP)",
        RejectionReason.DPoPProofTooOld => "The DPoP proof is too old",
        RejectionReason.DPoPProofIssuedInFuture => "The DPoP proof was issued in the future",
        RejectionReason.DPoPProofExpired => "The DPoP proof expired",
        RejectionReason.DPoPAccessTokenHashMissing => "The DPoP proof has no ath claim",
        RejectionReason.DPoPAccessTokenHashMismatch => "DPoP proof ath does not match the access token",
        RejectionReason.DPoPMissingMethodClaim => "The DPoP proof lacks the required claim htm",
        RejectionReason.DPoPMissingUrlClaim => "The DPoP proof lacks the required claim htu",
        RejectionReason.DPoPMissingIssuedAtClaim => "The DPoP proof lacks the required claim iat",
        RejectionReason.DPoPMissingTokenIdClaim => "The DPoP proof lacks the required claim jti",
        RejectionReason.DPoPInvalidClaimValue => "The DPoP proof has an invalid claim value",
        RejectionReason.DPoPReplayed => "DPoP proof jti already used",
        RejectionReason.DPoPProofWithUnboundToken => "A DPoP proof was sent with an access token that is not DPoP-bound",
        RejectionReason.DPoPNonceRequired => "A fresh DPoP nonce is required",
        RejectionReason.AuthorityUnavailable => "The authorization server cannot be reached to verify the token",
        RejectionReason.ReplayStoreUnavailable => "The DPoP replay store cannot be reached",
        RejectionReason.IntrospectionUnavailable => "The introspection endpoint cannot be reached",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a rejection reason."),
    };
}
