using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuthPlane.Sdk.Testing.DPoP;
using ModelContextProtocol.Protocol;

namespace AuthPlaneMcp.Tests;

public sealed class CalendarToolsTests(ProtectedServer server) : IClassFixture<ProtectedServer>
{
    private const string CreateEventCall =
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_event","arguments":{"title":"Demo"}}}""";

    [Fact]
    public async Task A_request_without_a_token_is_answered_401_with_a_challenge_naming_the_resource_metadata()
    {
        using var http = server.CreateClient();

        using var response = await http.SendAsync(McpPost(CreateEventCall, token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, c => c.Scheme == "Bearer");
        Assert.Contains("resource_metadata=\"https://localhost/.well-known/oauth-protected-resource/mcp\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resource_metadata_names_the_resource_and_the_authority()
    {
        using var http = server.CreateClient();

        var metadata = await http.GetStringAsync(new Uri("/.well-known/oauth-protected-resource/mcp", UriKind.Relative));

        Assert.Contains("\"resource\":\"https://localhost/mcp\"", metadata, StringComparison.Ordinal);
        Assert.Contains($"\"authorization_servers\":[\"{server.Authority.Issuer}\"]", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_with_calendar_read_lists_the_events()
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.MintToken(CalendarTools.ReadScope));
        await using var mcp = await ProtectedServer.ConnectAsync(http);

        var result = await mcp.CallToolAsync("list_events");

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("stand-up", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_calendar_write_is_refused_with_403_insufficient_scope()
    {
        using var http = server.CreateClient();

        using var response = await http.SendAsync(McpPost(CreateEventCall, server.MintToken(CalendarTools.ReadScope)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(CalendarTools.WriteScope, challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DPoP_bound_token_calls_a_tool_with_a_proof_for_each_request()
    {
        using var key = DPoPKey.Create("ES256");
        var token = server.Authority.MintAccessToken(ProtectedServer.Resource, t =>
        {
            t.Subject = "alice";
            t.Scopes = [CalendarTools.ReadScope, CalendarTools.WriteScope];
            t.ConfirmationThumbprint = key.Thumbprint;
        });
        using var http = server.CreateClient(new DPoPClientHandler(key, token));
        await using var mcp = await ProtectedServer.ConnectAsync(http);

        var result = await mcp.CallToolAsync("create_event", new Dictionary<string, object?> { ["title"] = "Demo" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("created 'Demo' for alice", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task A_DPoP_bound_token_sent_as_a_bearer_token_is_refused()
    {
        using var key = DPoPKey.Create("ES256");
        var token = server.Authority.MintAccessToken(ProtectedServer.Resource, t =>
        {
            t.Scopes = [CalendarTools.ReadScope, CalendarTools.WriteScope];
            t.ConfirmationThumbprint = key.Thumbprint;
        });
        using var http = server.CreateClient();

        using var response = await http.SendAsync(McpPost(CreateEventCall, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, c => c.Parameter?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) == true);
    }

    private static HttpRequestMessage McpPost(string jsonRpc, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/mcp", UriKind.Relative))
        {
            Content = new StringContent(jsonRpc, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
