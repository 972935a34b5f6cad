using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Registers every catalog case that no real test proves yet, so the report lists it as skipped with the
/// capability that will build it. When a real test is tagged with a case id, delete that id's three lines here.
/// </summary>
public sealed class PendingConformanceCases
{
    // sdk-client.discovery
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-metadata-issuer-must-match-configured-issuer")]
    public void Rfc8414MetadataIssuerMustMatchConfiguredIssuer() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-jwks-uri-required-for-jwt-validation")]
    public void Rfc8414JwksUriRequiredForJwtValidation() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-metadata-must-contain-issuer")]
    public void Rfc8414MetadataMustContainIssuer() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-jwks-uri-must-be-absolute-https-url")]
    public void Rfc8414JwksUriMustBeAbsoluteHttpsUrl() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-jwks-uri-rotation-must-reconfigure-jwks-cache")]
    public void Rfc8414JwksUriRotationMustReconfigureJwksCache() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: RFC 8414 discovery (issue 2: discovery and JWKS cache)")]
    [ConformanceCase("rfc8414-discovery-url-must-insert-well-known-before-issuer-path")]
    public void Rfc8414DiscoveryUrlMustInsertWellKnownBeforeIssuerPath() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.token-endpoint
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token endpoint from AS metadata)")]
    [ConformanceCase("rfc8414-token-endpoint-required-when-token-operation-is-used")]
    public void Rfc8414TokenEndpointRequiredWhenTokenOperationIsUsed() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token endpoint from AS metadata)")]
    [ConformanceCase("rfc8414-token-endpoint-must-be-absolute-https-url")]
    public void Rfc8414TokenEndpointMustBeAbsoluteHttpsUrl() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.client-credentials
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: client credentials)")]
    [ConformanceCase("rfc6749-client-credentials-success-response")]
    public void Rfc6749ClientCredentialsSuccessResponse() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: client credentials)")]
    [ConformanceCase("rfc8707-client-credentials-resource-parameter-should-be-supported")]
    public void Rfc8707ClientCredentialsResourceParameterShouldBeSupported() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: client credentials)")]
    [ConformanceCase("rfc8707-client-credentials-multiple-resource-parameters-must-be-emitted")]
    public void Rfc8707ClientCredentialsMultipleResourceParametersMustBeEmitted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: client credentials)")]
    [ConformanceCase("rfc6749-client-credentials-scopes-must-support-multiple-values")]
    public void Rfc6749ClientCredentialsScopesMustSupportMultipleValues() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.http-auth
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: HTTP Basic client authentication)")]
    [ConformanceCase("rfc6749-basic-auth-credentials-must-be-form-urlencoded-before-base64")]
    public void Rfc6749BasicAuthCredentialsMustBeFormUrlencodedBeforeBase64() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.token-response-parsing
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token response parsing)")]
    [ConformanceCase("rfc6749-token-response-must-contain-access-token")]
    public void Rfc6749TokenResponseMustContainAccessToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token response parsing)")]
    [ConformanceCase("rfc6749-token-response-token-type-must-be-supported")]
    public void Rfc6749TokenResponseTokenTypeMustBeSupported() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token response parsing)")]
    [ConformanceCase("rfc9449-token-response-token-type-dpop-must-be-accepted")]
    public void Rfc9449TokenResponseTokenTypeDpopMustBeAccepted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token response parsing)")]
    [ConformanceCase("rfc6749-token-response-expires-in-must-be-non-negative-integer")]
    public void Rfc6749TokenResponseExpiresInMustBeNonNegativeInteger() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token response parsing)")]
    [ConformanceCase("rfc9449-dpop-grant-token-type-must-be-dpop")]
    public void Rfc9449DpopGrantTokenTypeMustBeDpop() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.token-endpoint-errors
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token endpoint error mapping)")]
    [ConformanceCase("rfc6749-invalid-client-must-map-to-authentication-failure")]
    public void Rfc6749InvalidClientMustMapToAuthenticationFailure() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.revocation
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7009 revocation)")]
    [ConformanceCase("rfc7009-revocation-200-is-success-even-for-already-invalid-token")]
    public void Rfc7009Revocation200IsSuccessEvenForAlreadyInvalidToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7009 revocation)")]
    [ConformanceCase("rfc7009-revocation-request-must-post-token-and-token-type-hint")]
    public void Rfc7009RevocationRequestMustPostTokenAndTokenTypeHint() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7009 revocation)")]
    [ConformanceCase("rfc8414-revocation-endpoint-required-when-revocation-is-used")]
    public void Rfc8414RevocationEndpointRequiredWhenRevocationIsUsed() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7009 revocation)")]
    [ConformanceCase("rfc8414-revocation-endpoint-must-be-absolute-https-url")]
    public void Rfc8414RevocationEndpointMustBeAbsoluteHttpsUrl() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7009 revocation)")]
    [ConformanceCase("rfc7009-revocation-server-errors-must-surface")]
    public void Rfc7009RevocationServerErrorsMustSurface() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.introspection
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-request-must-post-token-and-access-token-hint")]
    public void Rfc7662IntrospectionRequestMustPostTokenAndAccessTokenHint() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-without-credentials-must-not-send-authorization-header")]
    public void Rfc7662IntrospectionWithoutCredentialsMustNotSendAuthorizationHeader() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-basic-auth-must-be-supported")]
    public void Rfc7662IntrospectionBasicAuthMustBeSupported() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-active-false-must-parse-as-inactive")]
    public void Rfc7662IntrospectionActiveFalseMustParseAsInactive() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-missing-active-must-default-to-inactive")]
    public void Rfc7662IntrospectionMissingActiveMustDefaultToInactive() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-standard-fields-must-round-trip")]
    public void Rfc7662IntrospectionStandardFieldsMustRoundTrip() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc7662-introspection-audience-must-parse-string-or-array")]
    public void Rfc7662IntrospectionAudienceMustParseStringOrArray() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc8414-introspection-endpoint-required-when-introspection-is-used")]
    public void Rfc8414IntrospectionEndpointRequiredWhenIntrospectionIsUsed() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: RFC 7662 introspection)")]
    [ConformanceCase("rfc8414-introspection-endpoint-must-be-absolute-https-url")]
    public void Rfc8414IntrospectionEndpointMustBeAbsoluteHttpsUrl() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.revocation
    [Fact(Skip = "Pending: introspection-based revocation (issue 5: verifier revocation check)")]
    [ConformanceCase("rfc7662-verifier-active-false-must-reject-token")]
    public void Rfc7662VerifierActiveFalseMustRejectToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: introspection-based revocation (issue 5: verifier revocation check)")]
    [ConformanceCase("rfc7662-introspection-fail-open-policy-must-be-explicitly-tested")]
    public void Rfc7662IntrospectionFailOpenPolicyMustBeExplicitlyTested() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.token-exchange
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-grant-type-must-be-token-exchange")]
    public void Rfc8693GrantTypeMustBeTokenExchange() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-subject-token-is-required")]
    public void Rfc8693SubjectTokenIsRequired() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-default-subject-token-type-is-access-token")]
    public void Rfc8693DefaultSubjectTokenTypeIsAccessToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-actor-token-type-defaults-when-actor-token-is-present")]
    public void Rfc8693ActorTokenTypeDefaultsWhenActorTokenIsPresent() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-resource-parameter-must-be-sent-when-configured")]
    public void Rfc8693ResourceParameterMustBeSentWhenConfigured() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-multiple-resource-parameters-must-be-emitted")]
    public void Rfc8693MultipleResourceParametersMustBeEmitted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-error-mapping-invalid-grant")]
    public void Rfc8693ErrorMappingInvalidGrant() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-audience-parameter-must-be-sent-when-configured")]
    public void Rfc8693AudienceParameterMustBeSentWhenConfigured() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-multiple-audience-parameters-must-be-emitted")]
    public void Rfc8693MultipleAudienceParametersMustBeEmitted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-empty-resource-and-audience-values-must-be-omitted")]
    public void Rfc8693EmptyResourceAndAudienceValuesMustBeOmitted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-success-response-must-use-access-token-issued-token-type-when-present")]
    public void Rfc8693SuccessResponseMustUseAccessTokenIssuedTokenTypeWhenPresent() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: token exchange)")]
    [ConformanceCase("rfc8693-token-exchange-response-must-contain-issued-token-type")]
    public void Rfc8693TokenExchangeResponseMustContainIssuedTokenType() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.jwt
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-valid-at-jwt-must-verify")]
    public void Rfc9068ValidAtJwtMustVerify() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-typ-must-be-at-jwt")]
    public void Rfc9068TypMustBeAtJwt() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-issuer-must-match")]
    public void Rfc9068IssuerMustMatch() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-audience-must-match-resource")]
    public void Rfc9068AudienceMustMatchResource() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-required-claims-must-be-enforced")]
    public void Rfc9068RequiredClaimsMustBeEnforced() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-token-header-must-contain-kid")]
    public void Rfc9068TokenHeaderMustContainKid() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-iat-future-must-be-rejected-beyond-leeway")]
    public void Rfc9068IatFutureMustBeRejectedBeyondLeeway() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-nbf-must-be-honored-when-present")]
    public void Rfc9068NbfMustBeHonoredWhenPresent() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc8725-allowed-jwt-algorithms-must-be-restricted")]
    public void Rfc8725AllowedJwtAlgorithmsMustBeRestricted() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc8707-verifier-must-accept-resource-when-present-in-aud-array")]
    public void Rfc8707VerifierMustAcceptResourceWhenPresentInAudArray() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-token-header-must-contain-alg")]
    public void Rfc9068TokenHeaderMustContainAlg() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-signature-failure-must-reject-token")]
    public void Rfc9068SignatureFailureMustRejectToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: RFC 9068 access-token validation)")]
    [ConformanceCase("rfc9068-expiration-and-clock-skew-must-be-enforced")]
    public void Rfc9068ExpirationAndClockSkewMustBeEnforced() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.jwks
    [Fact(Skip = "Pending: JWKS cache (issue 2: key resolution and refresh)")]
    [ConformanceCase("rfc8725-kid-must-resolve-through-jwks-with-single-refresh-on-miss")]
    public void Rfc8725KidMustResolveThroughJwksWithSingleRefreshOnMiss() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: JWKS cache (issue 2: key resolution and refresh)")]
    [ConformanceCase("rfc8725-jwk-selection-must-honor-use-key-ops-and-alg")]
    public void Rfc8725JwkSelectionMustHonorUseKeyOpsAndAlg() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.dpop.outbound
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP)")]
    [ConformanceCase("rfc9449-dpop-provider-must-build-dpop-jwt-header")]
    public void Rfc9449DpopProviderMustBuildDpopJwtHeader() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP)")]
    [ConformanceCase("rfc9449-dpop-nonce-challenge-must-trigger-single-retry")]
    public void Rfc9449DpopNonceChallengeMustTriggerSingleRetry() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP)")]
    [ConformanceCase("rfc9449-dpop-nonce-on-success-response-should-be-stored")]
    public void Rfc9449DpopNonceOnSuccessResponseShouldBeStored() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP)")]
    [ConformanceCase("rfc9110-rfc9449-dpop-nonce-header-must-be-treated-case-insensitively")]
    public void Rfc9110Rfc9449DpopNonceHeaderMustBeTreatedCaseInsensitively() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP)")]
    [ConformanceCase("rfc9449-generated-dpop-proof-should-include-exp")]
    public void Rfc9449GeneratedDpopProofShouldIncludeExp() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.dpop.inbound
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-header-typ-must-be-dpop-jwt")]
    public void Rfc9449DpopProofHeaderTypMustBeDpopJwt() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-inbound-dpop-proof-must-validate-method-url-and-binding")]
    public void Rfc9449InboundDpopProofMustValidateMethodUrlAndBinding() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-bearer-token-with-request-context-and-no-proof-must-still-verify-as-bearer")]
    public void Rfc9449BearerTokenWithRequestContextAndNoProofMustStillVerifyAsBearer() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-bound-token-with-request-context-and-no-proof-must-be-rejected-via-main-verify-path")]
    public void Rfc9449DpopBoundTokenWithRequestContextAndNoProofMustBeRejectedViaMainVerifyPath() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-replay-must-be-detected")]
    public void Rfc9449DpopReplayMustBeDetected() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-method-mismatch-must-be-rejected")]
    public void Rfc9449DpopMethodMismatchMustBeRejected() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-url-mismatch-must-be-rejected")]
    public void Rfc9449DpopUrlMismatchMustBeRejected() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-htu-must-be-normalized-before-comparison")]
    public void Rfc9449DpopProofHtuMustBeNormalizedBeforeComparison() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-htm-must-be-case-sensitive")]
    public void Rfc9449DpopProofHtmMustBeCaseSensitive() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-replay-store-must-evict-expired-entries")]
    public void Rfc9449DpopReplayStoreMustEvictExpiredEntries() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-inbound-nonce-must-be-validated-when-required")]
    public void Rfc9449DpopInboundNonceMustBeValidatedWhenRequired() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-exp-must-be-enforced-when-present")]
    public void Rfc9449DpopProofExpMustBeEnforcedWhenPresent() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-must-carry-public-jwk")]
    public void Rfc9449DpopProofMustCarryPublicJwk() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-jwk-must-not-include-private-key-material")]
    public void Rfc9449DpopProofJwkMustNotIncludePrivateKeyMaterial() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-alg-must-be-supported-asymmetric")]
    public void Rfc9449DpopProofAlgMustBeSupportedAsymmetric() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-iat-must-not-be-in-the-future-beyond-leeway")]
    public void Rfc9449DpopProofIatMustNotBeInTheFutureBeyondLeeway() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-must-not-be-too-old")]
    public void Rfc9449DpopProofMustNotBeTooOld() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-required-when-validating-dpop-bound-token")]
    public void Rfc9449DpopProofRequiredWhenValidatingDpopBoundToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-binding-mismatch-must-be-rejected")]
    public void Rfc9449DpopBindingMismatchMustBeRejected() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-ath-mismatch-must-be-rejected")]
    public void Rfc9449DpopAthMismatchMustBeRejected() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-bound-token-must-contain-cnf-jkt")]
    public void Rfc9449DpopBoundTokenMustContainCnfJkt() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-dpop-proof-validation-must-not-skip-binding-when-access-token-is-provided")]
    public void Rfc9449DpopProofValidationMustNotSkipBindingWhenAccessTokenIsProvided() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-verifier-must-reject-bearer-only-token-when-resource-requires-dpop")]
    public void Rfc9449VerifierMustRejectBearerOnlyTokenWhenResourceRequiresDpop() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-verifier-must-reject-dpop-bound-token-when-resource-does-not-support-dpop")]
    public void Rfc9449VerifierMustRejectDpopBoundTokenWhenResourceDoesNotSupportDpop() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: inbound DPoP (issue 3: proof validation and binding rules)")]
    [ConformanceCase("rfc9449-verifier-must-reject-dpop-proof-when-access-token-is-not-dpop-bound")]
    public void Rfc9449VerifierMustRejectDpopProofWhenAccessTokenIsNotDpopBound() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-resource-metadata
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-prm-must-contain-required-fields")]
    public void Rfc9728PrmMustContainRequiredFields() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-prm-authorization-servers-must-list-the-issuer")]
    public void Rfc9728PrmAuthorizationServersMustListTheIssuer() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-prm-supported-bearer-methods-should-be-stable")]
    public void Rfc9728PrmSupportedBearerMethodsShouldBeStable() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-well-known-path-must-derive-from-resource-uri")]
    public void Rfc9728WellKnownPathMustDeriveFromResourceUri() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-prm-dpop-fields-should-be-advertised-when-dpop-is-supported")]
    public void Rfc9728PrmDpopFieldsShouldBeAdvertisedWhenDpopIsSupported() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: protected resource metadata (issue 2: RFC 9728 PRM document)")]
    [ConformanceCase("rfc9728-prm-must-advertise-dpop-required-when-resource-requires-dpop")]
    public void Rfc9728PrmMustAdvertiseDpopRequiredWhenResourceRequiresDpop() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.claims
    [Fact(Skip = "Pending: access-token verifier (issue 2: VerifiedToken claims)")]
    [ConformanceCase("authplane-agent-id-must-be-exposed-as-first-class-field")]
    public void AuthplaneAgentIdMustBeExposedAsFirstClassField() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: VerifiedToken claims)")]
    [ConformanceCase("authplane-agent-chain-must-be-exposed-as-first-class-field")]
    public void AuthplaneAgentChainMustBeExposedAsFirstClassField() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: access-token verifier (issue 2: VerifiedToken claims)")]
    [ConformanceCase("authplane-nbf-must-be-exposed-as-typed-field-on-verified-claims")]
    public void AuthplaneNbfMustBeExposedAsTypedFieldOnVerifiedClaims() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-verifier.error-response
    [Fact(Skip = "Pending: challenges and error bodies (issue 2: RFC 6750 WWW-Authenticate)")]
    [ConformanceCase("rfc6750-error-response-realm-should-be-included")]
    public void Rfc6750ErrorResponseRealmShouldBeIncluded() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: challenges and error bodies (issue 2: RFC 6750 WWW-Authenticate)")]
    [ConformanceCase("rfc6750-error-response-must-map-error-codes")]
    public void Rfc6750ErrorResponseMustMapErrorCodes() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.dpop-proof-generation
    [Fact(Skip = "Pending: outbound OAuth client (issue 5: outbound DPoP proof generation)")]
    [ConformanceCase("rfc9449-dpop-proof-htu-must-strip-query-and-fragment")]
    public void Rfc9449DpopProofHtuMustStripQueryAndFragment() => Assert.Fail("Registration only: the real test for this case replaces it.");
}
