using System.Net;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class ProtectedResourceMetadataEndpointTests
{
    private const string Document =
        """{"resource":"https://localhost/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["calendar:read","calendar:write"],"bearer_methods_supported":["header"],"dpop_signing_alg_values_supported":["ES256","RS256","PS256"],"dpop_bound_access_tokens_required":false}""";

    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()));

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task Get_serves_the_document_cacheable_and_readable_from_any_origin(string path)
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.Equal(Document, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_with_an_expired_token_still_serves_the_document()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ExpiredToken);

        using var response = await http.GetAsync("/.well-known/oauth-protected-resource/mcp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Head_answers_headers_without_a_body()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/.well-known/oauth-protected-resource/mcp"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Document), response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Options_preflight_is_answered_for_any_origin()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/.well-known/oauth-protected-resource/mcp");
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "mcp-protocol-version");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["GET, HEAD, OPTIONS"], response.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await http.PostAsync("/.well-known/oauth-protected-resource/mcp", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/other")]
    [InlineData("/.well-known/oauth-protected-resource/mcp/extra")]
    [InlineData("/.well-known/oauth-protected-resource/mcp/")]
    [InlineData("/.well-known/oauth-protected-resource/MCP")]
    [InlineData("/.well-known/oauth-protected-resourcex")]
    public async Task Other_suffixes_are_not_served(string path)
    {
        await using var host = await StartAsync();
        using var http = host.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
