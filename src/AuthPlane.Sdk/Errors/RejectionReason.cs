namespace AuthPlane.Sdk.Errors;

/// <summary>
/// Why a request was not authenticated. Each reason maps to one wire error code, one HTTP status
/// and one fixed description through the explicit table of <see cref="RejectionReasonExtensions"/> (no ranges, so the
/// order of the members carries no meaning); none carries attacker input.
/// </summary>
public enum RejectionReason
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    // ---- request shape ----

    /// <summary>More than one <c>Authorization</c> header, or one that cannot be parsed.</summary>
    MalformedAuthorizationHeader,

    // ---- access token (invalid_token) ----

    /// <summary>The token exceeds the size limit.</summary>
    TokenTooLarge,

    /// <summary>The token is not a compact JWS of three base64url parts with JSON header and payload.</summary>
    MalformedToken,

    /// <summary>The token is a JWE or a nested JWT.</summary>
    EncryptedOrNestedToken,

    /// <summary>A JSON object of the token repeats a member name.</summary>
    DuplicateJsonMember,

    /// <summary>The header <c>typ</c> is not <c>at+jwt</c>.</summary>
    InvalidTokenType,

    /// <summary>The header has no <c>alg</c>.</summary>
    MissingAlgorithm,

    /// <summary>The header <c>alg</c> is not on the allow-list (never <c>none</c> or HMAC).</summary>
    AlgorithmNotAllowed,

    /// <summary>The header has no <c>kid</c>.</summary>
    MissingKeyId,

    /// <summary>The header carries <c>jwk</c>, <c>jku</c>, <c>x5u</c> or <c>x5c</c>; keys come only from the issuer's JWKS.</summary>
    EmbeddedKeyNotAllowed,

    /// <summary>The header lists a <c>crit</c> extension this verifier does not understand.</summary>
    UnsupportedCriticalHeader,

    /// <summary>No key of the issuer's JWKS has the token's <c>kid</c>, even after a refresh.</summary>
    UnknownSigningKey,

    /// <summary>The key with the token's <c>kid</c> may not be used to verify this token (<c>use</c>, <c>key_ops</c>, <c>alg</c>, size).</summary>
    SigningKeyNotUsable,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary>The token is past its <c>exp</c> (beyond the clock skew).</summary>
    TokenExpired,

    /// <summary>The token's <c>nbf</c> lies in the future (beyond the clock skew).</summary>
    TokenNotYetValid,

    /// <summary>The token's <c>iat</c> lies in the future (beyond the clock skew).</summary>
    TokenIssuedInFuture,

    /// <summary>The token's <c>iss</c> is not the configured issuer.</summary>
    IssuerMismatch,

    /// <summary>The token's <c>aud</c> does not contain the configured resource.</summary>
    AudienceMismatch,

    /// <summary>The token has no <c>iss</c> claim.</summary>
    MissingIssuerClaim,

    /// <summary>The token has no <c>aud</c> claim.</summary>
    MissingAudienceClaim,

    /// <summary>The token has no <c>sub</c> claim.</summary>
    MissingSubjectClaim,

    /// <summary>The token has no <c>client_id</c> claim.</summary>
    MissingClientIdClaim,

    /// <summary>The token has no <c>jti</c> claim.</summary>
    MissingTokenIdClaim,

    /// <summary>The token has no <c>exp</c> claim.</summary>
    MissingExpirationClaim,

    /// <summary>The token has no <c>iat</c> claim.</summary>
    MissingIssuedAtClaim,

    /// <summary>A claim has the wrong JSON type or an impossible value.</summary>
    InvalidClaimValue,

    /// <summary>Introspection reports the token inactive (revoked).</summary>
    TokenInactive,

    // ---- token/proof binding (invalid_token) ----

    /// <summary>A DPoP-bound token was presented with the <c>Bearer</c> scheme.</summary>
    BoundTokenUsedAsBearer,

    /// <summary>A DPoP-bound token came without a DPoP proof.</summary>
    DPoPProofMissing,

    /// <summary>The proof key's thumbprint is not the token's <c>cnf.jkt</c>.</summary>
    DPoPKeyBindingMismatch,

    /// <summary>DPoP is required here but the token is not DPoP-bound.</summary>
    DPoPRequiredButTokenUnbound,

    /// <summary>DPoP is disabled here but the token is DPoP-bound or a proof was sent.</summary>
    DPoPNotSupported,

    /// <summary>The <c>cnf</c> claim is present but has no usable <c>jkt</c>.</summary>
    InvalidConfirmationClaim,

    // ---- DPoP proof (invalid_dpop_proof) ----

    /// <summary>More than one DPoP proof was sent.</summary>
    MultipleDPoPProofs,

    /// <summary>The proof exceeds the size limit.</summary>
    DPoPProofTooLarge,

    /// <summary>The proof is not a well-formed compact JWS with JSON header and payload.</summary>
    MalformedDPoPProof,

    /// <summary>The proof's <c>typ</c> is not <c>dpop+jwt</c>.</summary>
    InvalidDPoPProofType,

    /// <summary>The proof's <c>alg</c> is not on the allow-list.</summary>
    DPoPAlgorithmNotAllowed,

    /// <summary>The proof has no <c>jwk</c> header.</summary>
    DPoPJwkMissing,

    /// <summary>The proof's <c>jwk</c> contains private key material.</summary>
    DPoPJwkContainsPrivateKey,

    /// <summary>The proof's <c>jwk</c> is unusable: wrong curve for <c>alg</c>, RSA size out of range, bad fields.</summary>
    DPoPJwkInvalid,

    /// <summary>The proof's signature does not verify.</summary>
    DPoPInvalidSignature,

    /// <summary>The proof's <c>htm</c> is not the request method.</summary>
    DPoPMethodMismatch,

    /// <summary>The proof's <c>htu</c> is not the request URL.</summary>
    DPoPUrlMismatch,

    /// <summary>The proof's <c>iat</c> is older than the maximum age.</summary>
    DPoPProofTooOld,

    /// <summary>The proof's <c>iat</c> lies in the future beyond the skew.</summary>
    DPoPProofIssuedInFuture,

    /// <summary>The proof's <c>exp</c> has passed.</summary>
    DPoPProofExpired,

    /// <summary>The proof has no <c>ath</c>.</summary>
    DPoPAccessTokenHashMissing,

    /// <summary>The proof's <c>ath</c> is not the hash of the presented access token.</summary>
    DPoPAccessTokenHashMismatch,

    /// <summary>The proof has no <c>htm</c> claim.</summary>
    DPoPMissingMethodClaim,

    /// <summary>The proof has no <c>htu</c> claim.</summary>
    DPoPMissingUrlClaim,

    /// <summary>The proof has no <c>iat</c> claim.</summary>
    DPoPMissingIssuedAtClaim,

    /// <summary>The proof has no <c>jti</c> claim.</summary>
    DPoPMissingTokenIdClaim,

    /// <summary>A proof claim has the wrong JSON type or an impossible value (an empty <c>jti</c>, a negative <c>iat</c>).</summary>
    DPoPInvalidClaimValue,

    /// <summary>The proof's <c>jti</c> was already used.</summary>
    DPoPReplayed,

    /// <summary>A DPoP proof came with a token that is not DPoP-bound.</summary>
    DPoPProofWithUnboundToken,

    // ---- DPoP nonce (use_dpop_nonce) ----

    /// <summary>The proof has no nonce, or one that is stale, foreign or garbled.</summary>
    DPoPNonceRequired,

    // ---- availability (503) ----

    /// <summary>Metadata or keys could not be had from the authority and none are cached.</summary>
    AuthorityUnavailable,

    /// <summary>The DPoP replay store cannot be reached.</summary>
    ReplayStoreUnavailable,

    /// <summary>The introspection endpoint cannot be reached.</summary>
    IntrospectionUnavailable,
}
