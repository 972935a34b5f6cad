using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sample.McpServer;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>The sample's no-login dev authority starts only on purpose, and then serves the whole OAuth flow for its own MCP endpoint.</summary>
public sealed class SampleDevModeTests
{
    [Fact]
    public async Task Without_an_issuer_outside_Development_start_up_fails_naming_AUTHPLANE_ISSUER()
    {
        var port = SampleHost.FreeLoopbackPort();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SampleServer.StartAsync(["--urls", $"http://127.0.0.1:{port}", "--environment", "Production", "--DevAuthority:Port=0", "--DevAuthority:StateDirectory="]));

        Assert.Contains("AUTHPLANE_ISSUER", error.Message, StringComparison.Ordinal);
        Assert.Contains(SampleServer.DevAuthoritySwitch, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--environment", "Development")]
    [InlineData("--AUTHPLANE_DEV_MODE", "true")]
    public async Task The_Development_environment_or_AUTHPLANE_DEV_MODE_starts_the_dev_authority(string name, string value)
    {
        var port = SampleHost.FreeLoopbackPort();

        await using var server = await SampleServer.StartAsync(["--urls", $"http://127.0.0.1:{port}", name, value, "--environment", name == "--environment" ? value : "Production", "--DevAuthority:Port=0", "--DevAuthority:StateDirectory=", "--Logging:LogLevel:Default=Warning"]);

        Assert.NotNull(server.DevMode);
    }

    [Fact]
    public async Task The_dev_authority_knows_the_samples_resource_and_scopes_and_the_printout_names_the_Inspector_command()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient();

        var metadata = await http.GetFromJsonAsync<JsonObject>(server.Options.Issuer + "/.well-known/oauth-authorization-server");
        var printed = server.Describe();

        Assert.Equal("[\"calendar:read\",\"calendar:write\"]", metadata!["scopes_supported"]!.ToJsonString());
        Assert.Contains($"  npx @modelcontextprotocol/inspector --transport http --server-url http://127.0.0.1:{port}/mcp" + Environment.NewLine, printed, StringComparison.Ordinal);
        Assert.Contains("in memory only", printed, StringComparison.Ordinal);
    }
}
