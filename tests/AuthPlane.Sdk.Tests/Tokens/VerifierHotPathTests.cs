using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Tokens;

/// <summary>The checks added for total parsing keep the cached Bearer path small (issue 12 budget: 512 bytes).</summary>
public sealed class VerifierHotPathTests
{
    [Fact]
    public async Task A_cached_bearer_verification_completes_synchronously_within_512_bytes()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var token = harness.Mint();
        var verifier = harness.Verifier;
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True((await verifier.VerifyAsync(token)).Succeeded); // the first verifies; the rest warm the JIT tiers
        }

        const int rounds = 1_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < rounds; i++)
        {
            var pending = verifier.VerifyAsync(token);
            Assert.True(pending.IsCompletedSuccessfully);
            Assert.True((await pending).Succeeded);
        }

        var perVerification = (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
        Assert.True(perVerification <= 512, $"{perVerification} bytes per cached verification");
    }
}
