using AuthPlane.Sdk.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>Authority failures that are not consent never become -32042 (DESIGN §4.5).</summary>
public sealed class NotConsentTests(ConsentEnvironment env) : IClassFixture<ConsentEnvironment>
{
    [Fact]
    public async Task A_token_endpoint_answering_500_fails_the_tool_call_without_a_url_elicitation()
    {
        env.Authority.GrantConsent("grace", MeetingUpstream.Resource);
        await using var client = await env.ConnectAsync(env.CallerToken("grace"));
        var tokenRequestsBefore = env.Authority.TokenRequestCount;
        env.Authority.TokenFault = EndpointFault.ServerError;
        try
        {
            var result = await client.CallToolAsync("next_meeting");

            AssertToolFailedWithoutElicitation(result);
            Assert.Equal(tokenRequestsBefore + 1, env.Authority.TokenRequestCount); // reached the failing endpoint once, no retry
        }
        finally
        {
            env.Authority.TokenFault = EndpointFault.None;
        }
    }

    [Fact]
    public async Task An_unknown_upstream_resource_is_invalid_target_and_not_a_url_elicitation()
    {
        env.Authority.GrantConsent("heidi", MeetingUpstream.Resource);
        await using var client = await env.ConnectAsync(env.CallerToken("heidi"));

        var result = await client.CallToolAsync("next_meeting_unknown_upstream");

        AssertToolFailedWithoutElicitation(result);
    }

    private void AssertToolFailedWithoutElicitation(CallToolResult result)
    {
        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.DoesNotContain("Authorize access", text, StringComparison.Ordinal);
        Assert.Empty(env.Upstream.ReceivedAuthorizations);
    }
}
