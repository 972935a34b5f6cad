using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.AspNetCore;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;
using static AuthPlane.Sdk.Tests.EndToEnd.Wire;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// The official MCP C# SDK client (<c>HttpClientTransport</c>, Streamable HTTP) against the real AuthPlane
/// pipeline: Bearer and DPoP-bound tokens from a <see cref="TestAuthority"/>, scope step-up and stateful sessions.
/// </summary>
public sealed class McpClientEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>, IDisposable
{
    private readonly TestAuthority _authority = fixture.Authority;
    private readonly DPoPKey _key = DPoPKey.Create();

    public void Dispose() => _key.Dispose();

    private string Token(string subject = "user-123", params string[] scopes) =>
        _authority.MintAccessToken(EndToEndHost.Resource, d => (d.Subject, d.Scopes) = (subject, scopes));

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public async Task Bearer_client_lists_and_calls_tools_and_a_tool_reads_the_verified_token()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer);
        await using var client = await host.ConnectWithBearerAsync(Token("alice", "calendar:read", "calendar:write"));

        var tools = await client.ListToolsAsync();
        var echo = await client.CallToolAsync("public_echo", new Dictionary<string, object?> { ["text"] = "hi" });
        var write = await client.CallToolAsync("write_calendar");
        var info = await client.CallToolAsync("token_info");

        Assert.Equal(
            ["admin_reset", "public_echo", "read_calendar", "token_info", "whoami", "write_calendar"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("hi", Text(echo));
        Assert.Equal("written", Text(write));
        Assert.Equal("sub=alice;scopes=calendar:read calendar:write;jkt=-", Text(info));
    }

    [Fact]
    public async Task Dpop_client_sends_a_fresh_proof_per_request_and_calls_tools()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer);
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d => (d.Subject, d.Scopes, d.ConfirmationThumbprint) = ("bob", ["calendar:read"], _key.Thumbprint));
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectAsync(new DPoPClientHandler(_key, token), recorder);

        var tools = await client.ListToolsAsync();
        var read = await client.CallToolAsync("read_calendar");
        var info = await client.CallToolAsync("token_info");

        Assert.Contains(tools, t => t.Name == "read_calendar");
        Assert.Equal("events", Text(read));
        Assert.Equal($"sub=bob;scopes=calendar:read;jkt={_key.Thumbprint}", Text(info));
        var posts = recorder.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(["server/discover", "tools/list", "tools/call", "tools/call"], posts.Select(r => Assert.Single(r.Headers.GetValues("Mcp-Method"))));
        Assert.All(posts, r => Assert.Equal("DPoP", r.Headers.Authorization?.Scheme));
        var proofs = posts.Select(r => Assert.Single(r.Headers.GetValues("DPoP"))).ToList();
        Assert.Equal(proofs.Count, proofs.Distinct(StringComparer.Ordinal).Count());
        Assert.All(recorder.Responses.Where(r => r.RequestMessage?.Method == HttpMethod.Post), r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
    }

    [Fact]
    public async Task Dpop_client_follows_the_nonce_challenge_once_and_then_uses_the_nonce()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, o =>
        {
            o.DPoP.RequireNonce = true;
            o.DPoP.NonceKey = NonceKey;
        });
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d => (d.Scopes, d.ConfirmationThumbprint) = (["calendar:read"], _key.Thumbprint));
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectAsync(new DPoPClientHandler(_key, token), recorder);

        var read = await client.CallToolAsync("read_calendar");

        Assert.Equal("events", Text(read));
        var challenged = Assert.Single(recorder.Responses, r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.Same(recorder.Responses[0], challenged);
        Assert.Equal(
            [Challenge("DPoP", "use_dpop_nonce", "A fresh DPoP nonce is required")],
            challenged.Headers.GetValues("WWW-Authenticate"));
        Assert.Single(challenged.Headers.GetValues("DPoP-Nonce"));
        Assert.All(recorder.Responses.Skip(1).Where(r => r.RequestMessage?.Method == HttpMethod.Post), r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
    }

    [Fact]
    public async Task Read_only_token_calling_a_write_tool_surfaces_http_403_to_the_mcp_client()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer);
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectWithBearerAsync(Token("alice", "calendar:read"), recorder);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync("write_calendar").AsTask());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var response = recorder.LastPostResponse();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            [$"Bearer {Realm}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read calendar:write\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("events", Text(await client.CallToolAsync("read_calendar")));
    }

    [Fact]
    public async Task Dpop_client_stepping_up_on_a_stateful_session_gets_403_in_the_dpop_scheme_then_succeeds()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, stateless: false);
        string Bound(params string[] scopes) =>
            _authority.MintAccessToken(EndToEndHost.Resource, d => (d.Subject, d.Scopes, d.ConfirmationThumbprint) = ("carol", scopes, _key.Thumbprint));
        var dpop = new DPoPClientHandler(_key, Bound("calendar:read"));
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectAsync(dpop, recorder);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync("write_calendar").AsTask());
        var refused = recorder.LastPostResponse();
        var session = Assert.Single(refused.RequestMessage!.Headers.GetValues("Mcp-Session-Id"));
        dpop.AccessToken = Bound("calendar:read", "calendar:write");
        var written = await client.CallToolAsync("write_calendar");

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(
            [$"DPoP {Realm}, {Algs}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read calendar:write\", {Prm}"],
            refused.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("written", Text(written));
        Assert.Equal(session, Assert.Single(recorder.LastPostRequest().Headers.GetValues("Mcp-Session-Id")));
    }

    [Fact]
    public async Task Mcp_method_and_name_headers_do_not_decide_the_required_scope()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer);
        using var http = host.CreateHttpClient();
        using var request = Rpc.Request(Rpc.CallTool("write_calendar"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice", "calendar:read"));
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", "public_echo");

        using var response = await http.SendAsync(request);

        await AssertRejectedAsync(
            response,
            HttpStatusCode.Forbidden,
            [$"Bearer {Realm}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read calendar:write\", {Prm}"],
            "insufficient_scope",
            "The access token lacks a scope this request requires");
    }

    [Fact]
    public async Task Batch_hiding_a_scoped_call_behind_an_unscoped_one_is_refused()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer);

        using var response = await host.PostAsync("Bearer " + Token("alice", "calendar:read"), "[" + Rpc.CallTool("public_echo", 1) + "," + Rpc.CallTool("write_calendar", 2) + "]");

        await AssertRejectedAsync(
            response,
            HttpStatusCode.Forbidden,
            [$"Bearer {Realm}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read calendar:write\", {Prm}"],
            "insufficient_scope",
            "The access token lacks a scope this request requires");
    }

    /// <summary>
    /// Step-up and session binding. The refusal of another <c>sub</c> on an existing session comes from the MCP C# SDK,
    /// not AuthPlane (it binds a session to <c>ClaimTypes.NameIdentifier</c>, which AuthPlane sets to <c>sub</c>): HTTP
    /// 403 without a challenge and a JSON-RPC error -32000 body, which the client surfaces as an
    /// <see cref="HttpRequestException"/> with status 403.
    /// </summary>
    [Fact]
    public async Task Stateful_session_keeps_working_after_step_up_for_the_same_sub_and_refuses_another_sub()
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, stateless: false);
        var token = Token("alice", "calendar:read");
        var recorder = new RecordingHandler { Authorization = () => new AuthenticationHeaderValue("Bearer", token) };
        await using var client = await host.ConnectAsync(recorder);

        var read = await client.CallToolAsync("read_calendar");
        var session = Assert.Single(recorder.LastPostRequest().Headers.GetValues("Mcp-Session-Id"));
        token = Token("alice", "calendar:read", "calendar:write");
        var written = await client.CallToolAsync("write_calendar");
        var sessionAfterStepUp = Assert.Single(recorder.LastPostRequest().Headers.GetValues("Mcp-Session-Id"));
        token = Token("mallory", "calendar:read", "calendar:write");
        var hijack = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync("token_info").AsTask());

        Assert.Equal("events", Text(read));
        Assert.Equal("written", Text(written));
        Assert.Equal(session, sessionAfterStepUp);
        Assert.Equal(HttpStatusCode.Forbidden, hijack.StatusCode);
        var refused = recorder.LastPostResponse();
        Assert.Equal(session, Assert.Single(refused.RequestMessage!.Headers.GetValues("Mcp-Session-Id")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("WWW-Authenticate"));
        var error = JsonNode.Parse(recorder.ErrorBodies[refused])!["error"]!;
        Assert.Equal(-32000, error["code"]!.GetValue<int>());
        Assert.Equal("Forbidden: The currently authenticated user does not match the user who initiated the session.", error["message"]!.GetValue<string>());
    }
}
