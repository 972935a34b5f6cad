using AuthPlane.Sample.McpServer.DevMode;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

public sealed class DevResourceUriTests
{
    [Theory]
    [InlineData(null, "http://localhost:5000/mcp")]
    [InlineData("", "http://localhost:5000/mcp")]
    [InlineData("http://127.0.0.1:5099", "http://127.0.0.1:5099/mcp")]
    [InlineData("http://localhost:5099/", "http://localhost:5099/mcp")]
    [InlineData("https://localhost:5001;http://localhost:5000", "http://localhost:5000/mcp")]
    [InlineData(" http://127.0.0.1:7001 ; http://127.0.0.1:7002", "http://127.0.0.1:7001/mcp")]
    [InlineData("https://localhost:5001", "https://localhost:5001/mcp")]
    [InlineData("http://+:8080", "http://localhost:8080/mcp")]
    [InlineData("http://*:8080", "http://localhost:8080/mcp")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/mcp")]
    [InlineData("http://[::]:8080", "http://localhost:8080/mcp")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080/mcp")]
    [InlineData("http://localhost:80", "http://localhost/mcp")]
    [InlineData("https://localhost:443", "https://localhost/mcp")]
    [InlineData("http://mcp.example.test", "http://mcp.example.test/mcp")]
    [InlineData("HTTP://LocalHost:5000", "http://localhost:5000/mcp")]
    public void The_resource_is_the_first_http_server_url_with_wildcards_as_localhost_plus_mcp(string? urls, string expected) =>
        Assert.Equal(expected, DevResourceUri.FromServerUrls(urls));

    [Fact]
    public void Without_urls_the_first_http_port_is_used_on_localhost() =>
        Assert.Equal("http://localhost:8080/mcp", DevResourceUri.FromServerUrls(null, "8080;8081"));

    [Fact]
    public void Urls_win_over_http_ports_as_in_kestrel() =>
        Assert.Equal("http://127.0.0.1:5099/mcp", DevResourceUri.FromServerUrls("http://127.0.0.1:5099", "8080"));

    [Theory]
    [InlineData("http://127.0.0.1:0", "port")]
    [InlineData("http://127.0.0.1:http", "port")]
    [InlineData("localhost:5000", "not absolute")]
    [InlineData("ftp://localhost:21", "http or https")]
    [InlineData("http://:5000", "no host")]
    public void A_url_that_names_no_reachable_address_fails_with_a_message_saying_why(string urls, string reason)
    {
        var error = Assert.Throws<FormatException>(() => DevResourceUri.FromServerUrls(urls));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(urls, error.Message, StringComparison.Ordinal);
    }
}
