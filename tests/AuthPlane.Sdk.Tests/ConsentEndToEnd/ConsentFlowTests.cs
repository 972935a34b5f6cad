using System.Diagnostics.Metrics;
using System.Net;
using AuthPlane.Sdk.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>
/// Token exchange and consent end to end (DESIGN §4.5): official MCP C# SDK client -> real AuthPlane pipeline ->
/// tool -> <c>IAuthPlaneTokenExchange</c> -> real TestAuthority token endpoint -> upstream API.
/// </summary>
public sealed class ConsentFlowTests(ConsentEnvironment env) : IClassFixture<ConsentEnvironment>
{
    private const string ConsentMessage = "Authorize access to " + MeetingUpstream.DisplayName;

    [Fact]
    public async Task Without_consent_the_call_is_a_url_elicitation_and_after_consent_on_the_page_the_same_client_succeeds_with_the_exchanged_token()
    {
        var callerToken = env.CallerToken("alice");
        await using var client = await env.ConnectAsync(callerToken);
        var upstreamRequestsBefore = env.Upstream.ReceivedAuthorizations.Count;

        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("next_meeting").AsTask());

        var elicitation = AssertConsentElicitation(consent);
        Assert.Equal(upstreamRequestsBefore, env.Upstream.ReceivedAuthorizations.Count); // nothing went upstream without a token

        var page = await env.ConsentThroughPageAsync(elicitation.Url!);
        var result = await client.CallToolAsync("next_meeting");

        Assert.Contains("alice", page, StringComparison.Ordinal);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("Standup with alice", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        var upstreamAuthorization = Assert.Single(env.Upstream.ReceivedAuthorizations.Skip(upstreamRequestsBefore));
        Assert.StartsWith("Bearer ", upstreamAuthorization, StringComparison.Ordinal);
        var exchangedToken = upstreamAuthorization["Bearer ".Length..];
        Assert.NotEqual(callerToken, exchangedToken);
        var grant = env.Authority.LookupUpstreamGrant(exchangedToken);
        Assert.NotNull(grant);
        Assert.Equal("alice", grant.Subject);
        Assert.Equal(MeetingUpstream.Resource, grant.Resource);
        Assert.Equal(ConsentEnvironment.ServerClientId, grant.ClientId);
        Assert.Equal(MeetingUpstream.ToolScopes, grant.Scopes);
        env.AssertUpstreamNeverSawACallerToken();
    }

    [Fact]
    public async Task Token_exchanges_are_counted_by_result_and_each_consent_elicitation_once()
    {
        var meters = env.McpServices.GetRequiredService<IMeterFactory>();
        using var exchanges = new MetricCollector<long>(meters, AuthPlaneDiagnostics.MeterName, "authplane.token_exchange.requests");
        using var elicitations = new MetricCollector<long>(meters, AuthPlaneDiagnostics.MeterName, "authplane.consent.elicitations");
        await using var client = await env.ConnectAsync(env.CallerToken("carol"));

        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("next_meeting").AsTask());
        await env.ConsentThroughPageAsync(AssertConsentElicitation(consent).Url!);
        Assert.NotEqual(true, (await client.CallToolAsync("next_meeting")).IsError);

        var results = exchanges.GetMeasurementSnapshot().Select(m => m.Tags[AuthPlaneTelemetryTags.Result]).ToArray();
        Assert.Equal([AuthPlaneTelemetryTags.ResultConsentRequired, AuthPlaneTelemetryTags.ResultSuccess], results);
        Assert.Equal(1, elicitations.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task On_the_wire_the_consent_error_is_json_rpc_minus_32042_with_one_url_elicitation()
    {
        var (status, message) = await env.PostToolsCallAsync(env.CallerToken("bob"), "next_meeting");

        using (message)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            var root = message.RootElement;
            Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
            Assert.Equal(42, root.GetProperty("id").GetInt32());
            Assert.False(root.TryGetProperty("result", out _));
            var error = root.GetProperty("error");
            Assert.Equal(-32042, error.GetProperty("code").GetInt32());
            Assert.Equal(ConsentMessage, error.GetProperty("message").GetString());
            var elicitation = Assert.Single(error.GetProperty("data").GetProperty("elicitations").EnumerateArray());
            Assert.Equal(["elicitationId", "message", "mode", "url"], elicitation.EnumerateObject().Select(static member => member.Name).Order(StringComparer.Ordinal));
            Assert.Equal("url", elicitation.GetProperty("mode").GetString());
            Assert.True(Guid.TryParse(elicitation.GetProperty("elicitationId").GetString(), out _));
            Assert.Equal(ConsentMessage, elicitation.GetProperty("message").GetString());
            AssertConsentUrl(elicitation.GetProperty("url").GetString()!);
        }
    }

    [Fact]
    public async Task After_consent_is_withdrawn_a_new_caller_token_gets_the_url_elicitation_again()
    {
        env.Authority.GrantConsent("carol", MeetingUpstream.Resource);
        await using (var client = await env.ConnectAsync(env.CallerToken("carol")))
        {
            var granted = await client.CallToolAsync("next_meeting");
            Assert.NotEqual(true, granted.IsError);
        }

        env.Authority.WithdrawConsent("carol", MeetingUpstream.Resource);

        // The exchanged-token cache is keyed by the caller's token (its hash), the resource and the scopes: the old
        // caller token would still be served the upstream token cached while consent stood, until it expires. A
        // new caller token (a new session or a refreshed token) misses the cache and asks the authority again.
        await using var refreshed = await env.ConnectAsync(env.CallerToken("carol"));
        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => refreshed.CallToolAsync("next_meeting").AsTask());

        AssertConsentElicitation(consent);
        env.AssertUpstreamNeverSawACallerToken();
    }

    [Fact]
    public async Task Consent_for_fewer_scopes_than_the_tool_asks_is_scope_insufficient_and_a_url_elicitation_again()
    {
        env.Authority.GrantConsent("dave", MeetingUpstream.Resource, "calendar.read");
        await using var client = await env.ConnectAsync(env.CallerToken("dave"));

        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("next_meeting").AsTask());

        var elicitation = AssertConsentElicitation(consent);
        var page = await env.ConsentThroughPageAsync(elicitation.Url!);
        Assert.Contains("<li>calendar.events</li>", page, StringComparison.Ordinal); // the link asks for every scope the tool needs
        var result = await client.CallToolAsync("next_meeting");
        Assert.Equal("Standup with dave", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        env.AssertUpstreamNeverSawACallerToken();
    }

    [Fact]
    public async Task One_users_consent_does_not_let_another_user_through_and_exchanged_tokens_are_never_shared()
    {
        env.Authority.GrantConsent("erin", MeetingUpstream.Resource);
        await using var erin = await env.ConnectAsync(env.CallerToken("erin"));
        await using var frank = await env.ConnectAsync(env.CallerToken("frank"));

        var erinResult = await erin.CallToolAsync("next_meeting");
        var erinUpstreamToken = LastUpstreamToken();
        var frankConsent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => frank.CallToolAsync("next_meeting").AsTask());
        await env.ConsentThroughPageAsync(AssertConsentElicitation(frankConsent).Url!);
        var frankResult = await frank.CallToolAsync("next_meeting");
        var frankUpstreamToken = LastUpstreamToken();

        Assert.Equal("Standup with erin", Assert.IsType<TextContentBlock>(Assert.Single(erinResult.Content)).Text);
        Assert.Equal("Standup with frank", Assert.IsType<TextContentBlock>(Assert.Single(frankResult.Content)).Text);
        Assert.NotEqual(erinUpstreamToken, frankUpstreamToken);
        Assert.Equal("erin", env.Authority.LookupUpstreamGrant(erinUpstreamToken)!.Subject);
        Assert.Equal("frank", env.Authority.LookupUpstreamGrant(frankUpstreamToken)!.Subject);
        env.AssertUpstreamNeverSawACallerToken();
    }

    private string LastUpstreamToken() => env.Upstream.ReceivedAuthorizations[^1]["Bearer ".Length..];

    private ElicitRequestParams AssertConsentElicitation(UrlElicitationRequiredException consent)
    {
        Assert.Equal((McpErrorCode)(-32042), consent.ErrorCode);
        Assert.EndsWith(ConsentMessage, consent.Message, StringComparison.Ordinal); // the SDK client prefixes remote errors
        var elicitation = Assert.Single(consent.Elicitations);
        Assert.Equal("url", elicitation.Mode);
        Assert.Equal(ConsentMessage, elicitation.Message);
        Assert.True(Guid.TryParse(elicitation.ElicitationId, out _));
        AssertConsentUrl(elicitation.Url!);
        return elicitation;
    }

    private void AssertConsentUrl(string url)
    {
        var consentUrl = new Uri(url);
        var issuer = new Uri(env.Authority.Issuer);
        Assert.Equal(issuer.Scheme, consentUrl.Scheme);
        Assert.Equal(issuer.Authority, consentUrl.Authority);
        Assert.Equal("/connect/" + MeetingUpstream.DisplayName, consentUrl.AbsolutePath);
        Assert.Equal(MeetingUpstream.Resource, QueryHelpers.ParseQuery(consentUrl.Query)["resource"].ToString());
    }
}
