using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Registers every catalog case that no real test proves yet, so the report lists it as skipped with the
/// capability that will build it. When a real test is tagged with a case id, delete that id's three lines here.
/// </summary>
public sealed class PendingConformanceCases
{
    // sdk-client.discovery

    // sdk-client.token-endpoint

    // sdk-client.client-credentials

    // sdk-client.http-auth

    // sdk-client.token-response-parsing

    // sdk-client.token-endpoint-errors

    // sdk-client.revocation

    // sdk-client.introspection

    // sdk-verifier.revocation
    [Fact(Skip = "Pending: introspection-based revocation (issue 5: verifier revocation check)")]
    [ConformanceCase("rfc7662-verifier-active-false-must-reject-token")]
    public void Rfc7662VerifierActiveFalseMustRejectToken() => Assert.Fail("Registration only: the real test for this case replaces it.");
    [Fact(Skip = "Pending: introspection-based revocation (issue 5: verifier revocation check)")]
    [ConformanceCase("rfc7662-introspection-fail-open-policy-must-be-explicitly-tested")]
    public void Rfc7662IntrospectionFailOpenPolicyMustBeExplicitlyTested() => Assert.Fail("Registration only: the real test for this case replaces it.");

    // sdk-client.token-exchange

    // sdk-verifier.jwt

    // sdk-verifier.jwks

    // sdk-client.dpop.outbound

    // sdk-verifier.dpop.inbound

    // sdk-resource-metadata

    // sdk-verifier.claims

    // sdk-verifier.error-response

    // sdk-client.dpop-proof-generation
}
