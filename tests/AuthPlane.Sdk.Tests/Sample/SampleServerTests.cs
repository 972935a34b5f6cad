using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthPlane.Sample.McpServer;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>Starts the real sample server (Kestrel on a loopback port) exactly as <c>dotnet run</c> does.</summary>
public sealed class SampleServerTests
{
    private const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";
    private const string CreateEvent = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_event","arguments":{"title":"Demo","start":"2030-01-01T09:00:00Z"}}}""";

    [Fact]
    public async Task Dev_mode_protects_its_own_address_with_an_embedded_authority_and_the_printed_token_lists_the_tools()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        var tokens = Assert.IsType<DevModeTokens>(server.DevMode);

        await using var client = await SampleHost.ConnectAsync(server.McpUrl, tokens.AccessToken);
        var tools = await client.ListToolsAsync();
        var whoami = await client.CallToolAsync("whoami");

        Assert.Equal($"http://127.0.0.1:{port}/mcp", server.Options.Resource);
        Assert.Equal(tokens.Issuer, server.Options.Issuer);
        Assert.StartsWith("http://127.0.0.1:", tokens.Issuer, StringComparison.Ordinal);
        Assert.True(server.Options.DevMode);
        Assert.Equal(["create_event", "list_events", "server_time", "upstream_agenda", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        using var caller = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(whoami.Content)).Text);
        Assert.Equal("dev-user", caller.RootElement.GetProperty("sub").GetString());
        Assert.Equal(["calendar:read", "calendar:write"], caller.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False(caller.RootElement.GetProperty("dpop_bound").GetBoolean());
    }

    [Fact]
    public async Task Dev_mode_prints_the_urls_both_tokens_and_a_curl_line_that_lists_tools_with_the_token()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        var tokens = server.DevMode!;

        var printed = server.Describe();

        Assert.Contains($"http://127.0.0.1:{port}/mcp", printed, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp", printed, StringComparison.Ordinal);
        Assert.Contains(tokens.AccessToken, printed, StringComparison.Ordinal);
        Assert.Contains(tokens.ReadOnlyAccessToken, printed, StringComparison.Ordinal);
        Assert.Contains(
            $"curl -sS -i -X POST http://127.0.0.1:{port}/mcp -H \"Authorization: Bearer {tokens.AccessToken}\" -H \"Accept: application/json, text/event-stream\" -H \"Content-Type: application/json\" -d '{ToolsList}'",
            printed,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_post_gets_401_pointing_at_the_samples_own_resource_metadata()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.McpUrl, token: null, ToolsList);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            $"Bearer realm=\"http://127.0.0.1:{port}/mcp\", scope=\"calendar:read calendar:write\", resource_metadata=\"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp\"",
            response.Headers.WwwAuthenticate.First().ToString());
    }

    [Fact]
    public async Task The_read_only_token_gets_403_insufficient_scope_on_create_event()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient();

        using var response = await PostAsync(http, server.McpUrl, server.DevMode!.ReadOnlyAccessToken, CreateEvent);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith("Bearer ", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"calendar:read calendar:write\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_server_stops_the_embedded_authority()
    {
        var port = SampleHost.FreeLoopbackPort();
        var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        var metadata = new Uri(server.DevMode!.Issuer + "/.well-known/oauth-authorization-server");
        using var http = new HttpClient();
        using (var before = await http.GetAsync(metadata))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(metadata));
    }

    [Fact]
    public async Task With_an_issuer_configured_no_embedded_authority_starts_and_that_issuer_is_advertised()
    {
        var port = SampleHost.FreeLoopbackPort();
        const string resource = "https://mcp.example.test/mcp";
        await using var server = await SampleHost.StartAsync(
            "--urls", $"http://127.0.0.1:{port}",
            "--AuthPlane:Issuer=https://auth.example.com",
            $"--AuthPlane:Resource={resource}");
        using var http = new HttpClient();

        using var document = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp"));

        Assert.Null(server.DevMode);
        Assert.False(server.Options.DevMode);
        Assert.Equal("https://mcp.example.test/.well-known/oauth-protected-resource/mcp", server.MetadataUrl);
        Assert.Equal(resource, document.RootElement.GetProperty("resource").GetString());
        Assert.Equal(["https://auth.example.com"], document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain("curl", server.Describe(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string? token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

}
