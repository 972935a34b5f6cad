using AuthPlane.Sdk.DPoP;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>RFC 3986 §6.2.2/§6.2.3 normalisation of <c>htu</c> and of the request's own URL (RFC 9449 §4.3 item 9).</summary>
public sealed class HttpTargetUriTests
{
    [Theory]
    [InlineData("HTTPS://API.EXAMPLE.COM:443/resource", "https://api.example.com/resource")]
    [InlineData("http://Example.com:80", "http://example.com/")]
    [InlineData("https://example.com:8443/a/B?q=1#f", "https://example.com:8443/a/B")]
    [InlineData("https://example.com:/x", "https://example.com/x")]
    [InlineData("https://[::1]:443/mcp", "https://[::1]/mcp")]
    [InlineData("https://[::1]:9000/mcp", "https://[::1]:9000/mcp")]
    public void Normalises_scheme_host_and_default_port(string input, string expected)
    {
        Assert.Equal(expected, HttpTargetUri.Normalize(input));
    }

    [Theory]
    [InlineData("https://example.com/m%7Ecp", "https://example.com/m~cp")]             // unreserved decoded
    [InlineData("https://example.com/%6D%63%70", "https://example.com/mcp")]
    [InlineData("https://example.com/a%2fb", "https://example.com/a%2Fb")]             // reserved kept, hex upper-cased
    [InlineData("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9")]
    [InlineData("https://example.com/a/./b/../c", "https://example.com/a/c")]          // dot segments
    [InlineData("https://example.com/a/b/..", "https://example.com/a/")]
    [InlineData("https://example.com/a/b/.", "https://example.com/a/b/")]
    [InlineData("https://example.com/../../mcp", "https://example.com/mcp")]
    [InlineData("https://example.com/a/%2E%2E/mcp", "https://example.com/mcp")]        // %2E is "." (unreserved)
    [InlineData("https://example.com/a%2F..%2Fmcp", "https://example.com/a%2F..%2Fmcp")] // an encoded slash separates nothing
    [InlineData("https://example.com/a//b", "https://example.com/a//b")]
    public void Normalises_the_path_as_rfc_3986_section_6_2_2_asks(string input, string expected)
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
    [InlineData("https://example.com/m%7")]
    [InlineData("https://example.com/m%zzcp")]
    [InlineData("https://example.com/%")]
    [InlineData("https://exa%6Dple.com/mcp")]
    public void Refuses_what_cannot_name_this_resource(string input)
    {
        Assert.Null(HttpTargetUri.Normalize(input));
    }

    [Theory]
    [InlineData("/m%7Ecp?x=1", "/m%7Ecp")]
    [InlineData("/mcp#frag", "/mcp")]
    [InlineData("/", "/")]
    [InlineData("http://attacker.example/mcp?x", "/mcp")] // absolute-form: its host is never trusted
    [InlineData("http://attacker.example", "")]
    public void Takes_the_path_of_a_request_target_as_received(string rawTarget, string expected)
    {
        Assert.Equal(expected, HttpTargetUri.PathOfRequestTarget(rawTarget));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("mcp.example.com:443")]
    public void Has_no_path_for_asterisk_or_authority_form(string rawTarget)
    {
        Assert.Null(HttpTargetUri.PathOfRequestTarget(rawTarget));
    }
}
