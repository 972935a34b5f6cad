using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Tests.Diagnostics;

/// <summary>The request verifier over a harness's token verifier (DPoP allowed, in-memory replay cache).</summary>
internal static class VerifierFor
{
    public static AuthPlaneRequestVerifier Harness(AuthorityHarness harness, AuthPlaneMetrics? metrics = null)
    {
        var defaults = Options.Create(new AuthPlaneOptions());
        return new AuthPlaneRequestVerifier(
            harness.Verifier,
            new DPoPProofValidator(defaults, new InMemoryDPoPReplayCache(defaults, harness.Time), new DPoPNonceService(defaults, harness.Time), harness.Time),
            Options.Create(new AuthPlaneOptions { Issuer = harness.Authority.Issuer, Resource = AuthorityHarness.Resource }),
            metrics);
    }

    public static ResourceRequest Bearer(string token) => new("POST", string.Empty, "/mcp", "Bearer " + token, default);
}
