using System.Collections.Concurrent;
using System.Diagnostics;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Diagnostics;

/// <summary>The SDK's spans carry the outcome, client id, reason and kid, and never a token.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Verification_and_authority_fetch_spans_carry_outcome_client_and_kid_but_no_token()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var verifier = VerifierFor.Harness(harness);
        var good = harness.Mint(d => d.ClientId = "tracing-client");
        var wrongAudience = harness.Mint(d => d.Audiences = ["https://other.example.com/mcp"]);

        // Listeners are process-wide: keep only the spans of this test's own trace.
        using var root = new Activity("test root").Start();
        var trace = root.TraceId;
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AuthPlaneDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await verifier.VerifyAsync(VerifierFor.Bearer(good));
        await verifier.VerifyAsync(VerifierFor.Bearer(wrongAudience));

        var verifications = spans.Where(s => s.OperationName == "AuthPlane verify credentials").ToArray();
        Assert.Equal(2, verifications.Length);
        Assert.Equal(AuthPlaneTelemetryTags.ResultSuccess, verifications[0].GetTagItem(AuthPlaneTelemetryTags.Result));
        Assert.Equal("tracing-client", verifications[0].GetTagItem(AuthPlaneTelemetryTags.ClientId));
        Assert.Equal(harness.Authority.ActiveKey.KeyId, verifications[0].GetTagItem(AuthPlaneTelemetryTags.KeyId));
        Assert.Equal("Bearer", verifications[0].GetTagItem(AuthPlaneTelemetryTags.TokenScheme));
        Assert.Equal(AuthPlaneTelemetryTags.ResultRejected, verifications[1].GetTagItem(AuthPlaneTelemetryTags.Result));
        Assert.Equal("AudienceMismatch", verifications[1].GetTagItem(AuthPlaneTelemetryTags.Reason));

        var fetches = spans.Where(s => s.OperationName.StartsWith("AuthPlane fetch", StringComparison.Ordinal)).ToArray();
        Assert.Contains(fetches, s => (string?)s.GetTagItem(AuthPlaneTelemetryTags.Document) == AuthPlaneTelemetryTags.DocumentMetadata);
        Assert.Contains(fetches, s => (string?)s.GetTagItem(AuthPlaneTelemetryTags.Document) == AuthPlaneTelemetryTags.DocumentJwks);

        foreach (var span in spans)
        {
            foreach (var tag in span.TagObjects)
            {
                var text = tag.Value?.ToString() ?? string.Empty;
                Assert.DoesNotContain(good.Split('.')[2], text, StringComparison.Ordinal);
                Assert.DoesNotContain(wrongAudience.Split('.')[1], text, StringComparison.Ordinal);
            }
        }
    }
}
