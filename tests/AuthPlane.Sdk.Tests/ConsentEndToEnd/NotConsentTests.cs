using System.Net;
using System.Text.Json;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>
/// Authority failures that are not consent never become -32042 (DESIGN §4.5). They surface as a tool execution
/// error: a JSON-RPC <c>result</c> with <c>isError: true</c> whose text names AuthPlane's error code (the SDK's
/// filter turns the <c>AuthPlaneOAuthException</c> into an <c>McpException</c>, whose message the MCP SDK shows) —
/// no JSON-RPC <c>error</c> member at all, so no -32042 and no elicitation; the client call does not throw.
/// </summary>
public sealed class NotConsentTests(ConsentEnvironment env) : IClassFixture<ConsentEnvironment>
{
    [Fact]
    public async Task A_token_endpoint_answering_500_is_a_tool_error_never_a_url_elicitation()
    {
        env.Authority.GrantConsent("grace", MeetingUpstream.Resource);
        var callerToken = env.CallerToken("grace");
        await using var client = await env.ConnectAsync(callerToken);
        var tokenRequestsBefore = env.Authority.TokenRequestCount;
        env.Authority.TokenFault = EndpointFault.ServerError;
        try
        {
            var result = await client.CallToolAsync("next_meeting");
            var failure = env.ExchangeFailures.Last();
            var (status, message) = await env.PostToolsCallAsync(callerToken, "next_meeting");

            AssertToolError(result, "An error occurred invoking 'next_meeting': AuthPlane answered server_error");
            var serverError = Assert.IsType<AuthPlaneServerException>(failure);
            Assert.Equal(500, serverError.StatusCode);
            Assert.Equal(OAuthErrorKind.ServerError, serverError.Kind);
            Assert.Equal(tokenRequestsBefore + 2, env.Authority.TokenRequestCount); // one attempt per call, nothing retried
            using (message)
            {
                AssertWireToolError(status, message);
            }
        }
        finally
        {
            env.Authority.TokenFault = EndpointFault.None;
        }
    }

    [Fact]
    public async Task An_unknown_upstream_resource_is_invalid_target_and_a_tool_error_never_a_url_elicitation()
    {
        env.Authority.GrantConsent("heidi", MeetingUpstream.Resource);
        var callerToken = env.CallerToken("heidi");
        await using var client = await env.ConnectAsync(callerToken);

        var result = await client.CallToolAsync("next_meeting_unknown_upstream");
        var failure = env.ExchangeFailures.Last();
        var (status, message) = await env.PostToolsCallAsync(callerToken, "next_meeting_unknown_upstream");

        AssertToolError(result, "An error occurred invoking 'next_meeting_unknown_upstream': AuthPlane answered invalid_target: resource is not a broker resource of this authority");
        var oauthError = Assert.IsType<AuthPlaneOAuthException>(failure);
        Assert.Equal("invalid_target", oauthError.Error);
        Assert.Equal(OAuthErrorKind.InvalidTarget, oauthError.Kind);
        Assert.Equal(400, oauthError.StatusCode);
        using (message)
        {
            AssertWireToolError(status, message);
        }
    }

    private void AssertToolError(CallToolResult result, string expectedText)
    {
        Assert.True(result.IsError);
        Assert.Equal(expectedText, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Empty(env.Upstream.ReceivedAuthorizations); // no upstream token, so nothing went upstream
    }

    private static void AssertWireToolError(HttpStatusCode status, JsonDocument message)
    {
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(message.RootElement.TryGetProperty("error", out _)); // hence no code -32042 and no elicitation
        Assert.True(message.RootElement.GetProperty("result").GetProperty("isError").GetBoolean());
    }
}
