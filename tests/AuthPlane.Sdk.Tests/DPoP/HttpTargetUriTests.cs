using AuthPlane.Sdk.DPoP;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>RFC 3986 §6.2.2/§6.2.3 normalisation of <c>htu</c> (RFC 9449 §4.3).</summary>
public sealed class HttpTargetUriTests
{
    [Theory]
    [InlineData("HTTPS://API.EXAMPLE.COM:443/resource", "https://api.example.com/resource")]
    [InlineData("http://Example.com:80", "http://example.com/")]
    [InlineData("https://example.com:8443/a/B?q=1#f", "https://example.com:8443/a/B")]
    [InlineData("https://example.com:/x", "https://example.com/x")]
    [InlineData("https://[::1]:443/mcp", "https://[::1]/mcp")]
    [InlineData("https://[::1]:9000/mcp", "https://[::1]:9000/mcp")]
    [InlineData("https://example.com/a%2fb/../c", "https://example.com/a%2fb/../c")]
    public void Normalises_scheme_host_and_default_port_and_keeps_the_path_exactly(string input, string expected)
    {
        Assert.Equal(expected, HttpTargetUri.Normalize(input));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("//example.com/mcp")]
    [InlineData("example.com/mcp")]
    [InlineData("ftp://example.com/mcp")]
    [InlineData("https://user:pw@example.com/mcp")]
    [InlineData("https:///mcp")]
    [InlineData("https://example.com:99999/mcp")]
    [InlineData("https://example.com:-1/mcp")]
    [InlineData("https://exa mple.com/mcp")]
    public void Refuses_what_cannot_name_this_resource(string input)
    {
        Assert.Null(HttpTargetUri.Normalize(input));
    }
}
