using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuthPlane.Sdk.Verification;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class McpPipelineTests
{
    private const string Realm = "realm=\"https://localhost/mcp\"";
    private const string Prm = "resource_metadata=\"https://localhost/.well-known/oauth-protected-resource/mcp\"";
    private const string Algs = "algs=\"ES256 RS256 PS256\"";
    private const string InsufficientScope = "error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\"";

    private readonly IAuthPlaneRequestVerifier _verifier = TestRequestVerifier.Create();

    private Task<McpTestHost> StartAsync(bool stateless = true, Action<AuthPlane.Sdk.AspNetCore.AuthPlaneAspNetCoreOptions>? aspNetCore = null, bool useScopeGate = true) =>
        McpTestHost.StartAsync(McpTestHost.LiteralTokens(_verifier), configureAspNetCore: aspNetCore, stateless: stateless, useScopeGate: useScopeGate);

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static string CallTool(string name, int id = 1) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\",\"arguments\":{}}}";

    [Fact]
    public async Task Mcp_client_with_a_bearer_token_lists_and_calls_tools()
    {
        await using var host = await StartAsync();
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.ReadToken);

        var tools = await client.ListToolsAsync();
        var echo = await client.CallToolAsync("public_echo", new Dictionary<string, object?> { ["text"] = "hi" });
        var read = await client.CallToolAsync("read_calendar");
        var whoami = await client.CallToolAsync("whoami");

        Assert.Equal(["admin_reset", "public_echo", "read_calendar", "whoami", "write_calendar"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("hi", Text(echo));
        Assert.Equal("events", Text(read));
        Assert.Equal("alice|client-1", Text(whoami));
    }

    [Fact]
    public async Task Tool_needing_more_scope_is_refused_with_403_and_granted_union_required_scope()
    {
        await using var host = await StartAsync();
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.ReadToken, recorder);

        await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("write_calendar").AsTask());

        var response = recorder.LastPostResponse();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            [$"Bearer {Realm}, {InsufficientScope}, scope=\"calendar:read calendar:write\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("""{"error":"insufficient_scope","error_description":"The access token lacks a scope this request requires"}""", recorder.ErrorBodies[response]);
    }

    [Fact]
    public async Task Dpop_client_missing_scope_is_refused_in_the_dpop_scheme()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("DPoP " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("write_calendar"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            [$"DPoP {Realm}, {Algs}, {InsufficientScope}, scope=\"calendar:read calendar:write\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
    }

    [Fact]
    public async Task Batch_hiding_a_scoped_call_behind_an_unscoped_one_is_refused()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, "[" + CallTool("public_echo", 1) + "," + CallTool("admin_reset", 2) + "]");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            [$"Bearer {Realm}, {InsufficientScope}, scope=\"calendar:read admin admin:write\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
    }

    [Fact]
    public async Task Scope_on_the_tool_class_combines_with_the_method_scope()
    {
        await using var host = await StartAsync();
        var recorder = new RecordingHandler();
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.AdminWriteToken, recorder);

        await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("admin_reset").AsTask());

        var response = recorder.LastPostResponse();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, {InsufficientScope}, scope=\"admin:write admin\", {Prm}"], response.Headers.GetValues("WWW-Authenticate"));
    }

    [Fact]
    public async Task Token_with_every_scope_calls_class_scoped_tool_prompt_and_resource_template()
    {
        await using var host = await StartAsync();
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.AllScopesToken);

        var reset = await client.CallToolAsync("admin_reset");
        var prompt = await client.GetPromptAsync("secret_prompt");
        var resource = await client.ReadResourceAsync("calendar://events/42");

        Assert.Equal("reset", Text(reset));
        Assert.Equal("the secret prompt", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);
        Assert.Equal("event 42", Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"secret_prompt"}}""", "calendar:read prompts:secret")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"calendar://events/42"}}""", "admin:write calendar:read")]
    public async Task Prompt_and_resource_template_scopes_are_enforced_before_the_mcp_sdk(string body, string expectedScope)
    {
        await using var host = await StartAsync();
        var token = expectedScope.StartsWith("admin", StringComparison.Ordinal) ? TestRequestVerifier.AdminWriteToken : TestRequestVerifier.ReadToken;
        using var http = host.CreateHttpClient("Bearer " + token);

        using var response = await McpTestHost.PostJsonRpcAsync(http, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, {InsufficientScope}, scope=\"{expectedScope}\", {Prm}"], response.Headers.GetValues("WWW-Authenticate"));
    }

    [Fact]
    public async Task Anonymous_post_gets_the_no_credentials_challenge()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("public_echo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            [
                $"Bearer {Realm}, scope=\"calendar:read calendar:write\", {Prm}",
                $"DPoP {Realm}, {Algs}, scope=\"calendar:read calendar:write\", {Prm}",
            ],
            response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"error_description":"An access token is required"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rejected_token_gets_invalid_token_in_the_client_scheme()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("DPoP " + TestRequestVerifier.ExpiredToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("public_echo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            [$"DPoP {Realm}, {Algs}, error=\"invalid_token\", error_description=\"The access token expired\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("""{"error":"invalid_token","error_description":"The access token expired"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nonce_challenge_carries_dpop_nonce_and_use_dpop_nonce()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("DPoP " + TestRequestVerifier.NonceRequiredToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("public_echo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["nonce-1"], response.Headers.GetValues("DPoP-Nonce"));
        Assert.Equal(
            [$"DPoP {Realm}, {Algs}, error=\"use_dpop_nonce\", error_description=\"A fresh DPoP nonce is required\", {Prm}"],
            response.Headers.GetValues("WWW-Authenticate"));
    }

    [Fact]
    public async Task Successful_response_carries_a_rotated_dpop_nonce()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("DPoP " + TestRequestVerifier.NonceRotationToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("read_calendar"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TestRequestVerifier.RotatedNonce], response.Headers.GetValues("DPoP-Nonce"));
    }

    [Fact]
    public async Task Unreachable_authority_is_503_with_retry_after_where_authplane_is_required_and_nowhere_else()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.AuthorityDownToken);

        using var mcp = await McpTestHost.PostJsonRpcAsync(http, CallTool("public_echo"));
        using var open = await http.GetAsync("/public");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("public", await open.Content.ReadAsStringAsync());
        foreach (var response in new[] { mcp })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.False(response.Headers.Contains("WWW-Authenticate"));
            Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
            Assert.Equal(
                """{"error":"temporarily_unavailable","error_description":"The authorization server cannot be reached to verify the token"}""",
                await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(1_000, "1")]
    [InlineData(1_001, "2")]
    [InlineData(1_500, "2")]
    [InlineData(300_000, "300")]
    public async Task Retry_after_option_is_sent_in_whole_seconds_with_a_fraction_rounded_up(int milliseconds, string header)
    {
        await using var host = await StartAsync(aspNetCore: o => o.RetryAfter = TimeSpan.FromMilliseconds(milliseconds));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.AuthorityDownToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, CallTool("public_echo"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal([header], response.Headers.GetValues("Retry-After"));
    }

    [Fact]
    public async Task Verifier_gets_method_and_path_as_received_and_never_the_host_or_forwarded_headers()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(CallTool("public_echo"), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("DPoP", "proof-value");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request);

        var seen = Assert.Single(TestRequestVerifier.Requests(_verifier));
        Assert.Equal("POST", seen.Method);
        Assert.Equal(string.Empty, seen.PathBase);
        Assert.Equal("/mcp", seen.Path);
        Assert.Equal("Bearer " + TestRequestVerifier.ReadToken, seen.Authorization.ToString());
        Assert.Equal("proof-value", seen.DPoP.ToString());
    }

    [Fact]
    public async Task Body_over_the_cap_is_refused_with_413()
    {
        await using var host = await StartAsync(aspNetCore: options => options.MaxRequestBodyBytes = 512);
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        var padding = new string('x', 600);

        using var response = await McpTestHost.PostJsonRpcAsync(http, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"public_echo\",\"arguments\":{\"text\":\"" + padding + "\"}}}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Duplicate_members_in_the_json_rpc_body_are_refused()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(
            http,
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"public_echo","name":"admin_reset","arguments":{}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_request","error_description":"The JSON-RPC body repeats a member name"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_passes_through_to_the_mcp_sdk()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/call",""");

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("insufficient_scope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_filter_refuses_a_scoped_call_that_reaches_the_mcp_sdk()
    {
        await using var host = await StartAsync(useScopeGate: false);
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.ReadToken);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("write_calendar").AsTask());

        Assert.Equal(McpErrorCode.InvalidRequest, error.ErrorCode);
        Assert.Contains("insufficient_scope", error.Message, StringComparison.Ordinal);
        Assert.Equal("events", Text(await client.CallToolAsync("read_calendar")));
    }

    [Fact]
    public async Task Tools_without_scope_are_hidden_from_tools_list_when_configured()
    {
        await using var host = await StartAsync(aspNetCore: options => options.HideToolsWithoutScope = true);
        await using var client = await host.ConnectAsync("Bearer " + TestRequestVerifier.ReadToken);

        var tools = await client.ListToolsAsync();

        Assert.Equal(["public_echo", "read_calendar", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stateful_session_survives_a_step_up_token_for_the_same_subject()
    {
        await using var host = await StartAsync(stateless: false);
        var token = TestRequestVerifier.ReadToken;
        var recorder = new RecordingHandler { Authorization = () => new AuthenticationHeaderValue("Bearer", token) };
        await using var client = await McpTestHost.ConnectAsync(host.CreateHttpClient(recorder: recorder));

        await Assert.ThrowsAnyAsync<Exception>(() => client.CallToolAsync("write_calendar").AsTask());
        var sessionBefore = recorder.LastPostRequest().Headers.GetValues("Mcp-Session-Id").Single();
        token = TestRequestVerifier.ReadWriteToken;
        var written = await client.CallToolAsync("write_calendar");

        Assert.Equal("written", Text(written));
        Assert.Equal(sessionBefore, recorder.LastPostRequest().Headers.GetValues("Mcp-Session-Id").Single());
        Assert.Equal(HttpStatusCode.OK, recorder.LastPostResponse().StatusCode);
    }

    [Fact]
    public async Task Authorization_policy_failure_is_answered_403_insufficient_scope_with_the_granted_scopes()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, {InsufficientScope}, scope=\"calendar:read\", {Prm}"], response.Headers.GetValues("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"NAME":"admin_reset","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"METHOD":"tools/call","Params":{"name":"admin_reset","arguments":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"public_echo","Name":"admin_reset","arguments":{}}}""")]
    public async Task Other_spellings_of_member_names_do_not_slip_a_scoped_call_past_the_gate(string body)
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
