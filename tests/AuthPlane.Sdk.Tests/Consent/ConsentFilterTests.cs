using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.Consent;

public sealed class ConsentFilterTests : IAsyncLifetime
{
    private System.Collections.Concurrent.ConcurrentQueue<Introspection.CapturedLog> _logs = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        var logs = new Introspection.CapturingLoggerProvider(); // disposed with the app's logger factory
        _logs = logs.Entries;
        builder.Logging.AddProvider(logs);
        builder.Services.AddMcpServer()
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<ConsentTools>()
            .WithPrompts<ConsentPrompts>()
            .WithResources<ConsentResources>()
            .AddAuthPlaneConsentFilter();
        _app = builder.Build();
        _app.MapMcp("/mcp");
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<McpClient> ConnectAsync()
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri("http://localhost/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            _app.GetTestClient(),
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    [Theory]
    [InlineData("needs_consent")]
    [InlineData("needs_consent_wrapped")]
    [InlineData("needs_consent_aggregate")]
    public async Task Consent_escaping_a_tool_reaches_the_sdk_client_as_a_url_elicitation(string tool)
    {
        await using var client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync(tool).AsTask());

        Assert.Equal((McpErrorCode)(-32042), error.ErrorCode);
        Assert.EndsWith(ConsentTools.Description, error.Message, StringComparison.Ordinal); // the SDK client prefixes remote errors
        var elicitation = Assert.Single(error.Elicitations);
        Assert.Equal("url", elicitation.Mode);
        Assert.Equal(ConsentTools.ConsentUrl, elicitation.Url);
        Assert.Equal(ConsentTools.Description, elicitation.Message);
        Assert.True(Guid.TryParse(elicitation.ElicitationId, out _));
    }

    [Fact]
    public async Task The_expected_consent_path_is_logged_once_as_information_and_never_as_an_mcp_sdk_error()
    {
        await using var client = await ConnectAsync();

        await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("needs_consent").AsTask());

        var entries = _logs.ToList();
        var elicited = Assert.Single(entries, e => e.EventId.Id == 5007);
        Assert.Equal(LogLevel.Information, elicited.Level);
        Assert.Equal("AuthPlane asked client unknown for consent to " + ConsentTools.Description + " (JSON-RPC -32042)", elicited.Message);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Consent_escaping_a_prompt_or_a_resource_is_a_url_elicitation_too()
    {
        await using var client = await ConnectAsync();

        var prompt = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.GetPromptAsync("needs_consent_prompt").AsTask());
        var resource = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.ReadResourceAsync(ConsentResources.Uri).AsTask());

        Assert.Equal(ConsentTools.ConsentUrl, Assert.Single(prompt.Elicitations).Url);
        Assert.Equal(ConsentTools.ConsentUrl, Assert.Single(resource.Elicitations).Url);
    }

    [Fact]
    public async Task The_wire_shape_is_json_rpc_error_minus_32042_with_one_url_elicitation()
    {
        using var root = await PostToolsCallAsync("needs_consent");

        var error = root.RootElement.GetProperty("error");
        Assert.Equal(-32042, error.GetProperty("code").GetInt32());
        Assert.Equal(ConsentTools.Description, error.GetProperty("message").GetString());
        var elicitation = Assert.Single(error.GetProperty("data").GetProperty("elicitations").EnumerateArray());
        Assert.Equal("url", elicitation.GetProperty("mode").GetString());
        Assert.Equal(ConsentTools.ConsentUrl, elicitation.GetProperty("url").GetString());
        Assert.Equal(ConsentTools.Description, elicitation.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(elicitation.GetProperty("elicitationId").GetString(), out _));
        Assert.Equal(7, root.RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Each_elicitation_gets_a_new_id()
    {
        using var first = await PostToolsCallAsync("needs_consent");
        using var second = await PostToolsCallAsync("needs_consent");

        Assert.NotEqual(ElicitationId(first), ElicitationId(second));
    }

    [Fact]
    public async Task A_consent_error_without_a_consent_url_is_not_turned_into_minus_32042()
    {
        using var root = await PostToolsCallAsync("consent_without_url");

        Assert.False(root.RootElement.TryGetProperty("error", out var error) && error.GetProperty("code").GetInt32() == -32042, root.RootElement.GetRawText());
    }

    [Fact]
    public async Task Tools_that_succeed_are_untouched()
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync("fine");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("ok", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    private static string? ElicitationId(JsonDocument document) =>
        document.RootElement.GetProperty("error").GetProperty("data").GetProperty("elicitations")[0].GetProperty("elicitationId").GetString();

    private async Task<JsonDocument> PostToolsCallAsync(string tool)
    {
        using var http = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"TOOL","arguments":{}}}""".Replace("TOOL", tool, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);

        // Streamable HTTP may answer as server-sent events: take the JSON of the data line.
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()))
            : body;
        return JsonDocument.Parse(json);
    }
}
