using System.Net;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class BrowserCorsTests
{
    private const string Origin = "https://app.example.com";

    private static Task<McpTestHost> StartAsync(params string[] origins) =>
        McpTestHost.StartAsync(
            McpTestHost.LiteralTokens(TestRequestVerifier.Create()),
            configureAspNetCore: options =>
            {
                foreach (var origin in origins)
                {
                    options.AllowedOrigins.Add(origin);
                }
            });

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, dpop, mcp-session-id, mcp-protocol-version, content-type");
        return request;
    }

    [Fact]
    public async Task Preflight_from_an_allowed_origin_allows_the_auth_and_mcp_headers()
    {
        await using var host = await StartAsync(Origin);
        using var http = host.CreateHttpClient();

        using var response = await http.SendAsync(Preflight(Origin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([Origin], response.Headers.GetValues("Access-Control-Allow-Origin"));
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string>(["authorization", "dpop", "mcp-session-id", "mcp-protocol-version", "content-type"]), new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase));
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_to_an_allowed_origin_exposes_www_authenticate_and_dpop_nonce()
    {
        await using var host = await StartAsync(Origin);
        using var http = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", Origin);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal([Origin], response.Headers.GetValues("Access-Control-Allow-Origin"));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(["DPoP-Nonce", "Mcp-Session-Id", "WWW-Authenticate"], exposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Other_origins_get_no_cors_headers()
    {
        await using var host = await StartAsync(Origin);
        using var http = host.CreateHttpClient();

        using var response = await http.SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_allowed_origins_the_mcp_endpoint_answers_no_cors()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await http.SendAsync(Preflight(Origin));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
    }
}
