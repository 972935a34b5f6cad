using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>What an operator sees of the sample: its health endpoint and, in dev mode, its metrics page.</summary>
public sealed class SampleObservabilityTests
{
    [Fact]
    public async Task Health_is_healthy_with_the_dev_authority_and_the_metrics_page_counts_results_by_reason()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient();

        using var health = await http.GetAsync(server.HealthUrl);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        await PostToolsListAsync(http, server.McpUrl, server.DevMode!.AccessToken);
        await PostToolsListAsync(http, server.McpUrl, server.DevMode!.AccessToken + "x"); // non-canonical base64url

        var page = await http.GetStringAsync(server.MetricsUrl);
        Assert.Contains("authplane.authentication.requests authplane.result=success authplane.authentication_scheme=AuthPlane authplane.token_scheme=Bearer = 1", page, StringComparison.Ordinal);
        Assert.Contains("authplane.authentication.requests authplane.result=rejected authplane.authentication_scheme=AuthPlane authplane.token_scheme=Bearer authplane.reason=MalformedToken = 1", page, StringComparison.Ordinal);
        Assert.Contains("authplane.authority.fetches authplane.document=jwks authplane.result=success = 1", page, StringComparison.Ordinal);
        Assert.DoesNotContain(server.DevMode!.AccessToken, page, StringComparison.Ordinal);
    }

    private static async Task PostToolsListAsync(HttpClient http, string mcpUrl, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request);
    }
}
