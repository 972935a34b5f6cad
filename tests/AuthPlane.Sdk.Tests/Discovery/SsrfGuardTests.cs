using System.Net;
using System.Net.Http;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Discovery;

/// <summary>The authority client's connect-time guard against loopback, private, link-local and unspecified addresses.</summary>
public sealed class SsrfGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Internal_addresses_are_not_public(string address)
    {
        Assert.False(AuthorityHttpHandler.IsPublicAddress(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:1.1.1.1")]
    public void Routable_addresses_are_public(string address)
    {
        Assert.True(AuthorityHttpHandler.IsPublicAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Outside_dev_mode_the_client_refuses_to_connect_to_a_loopback_authority()
    {
        await using var authority = await TestAuthority.StartAsync();
        using var guarded = new HttpClient(AuthorityHttpHandler.Create(devMode: false));
        using var dev = new HttpClient(AuthorityHttpHandler.Create(devMode: true));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(authority.MetadataUri));
        var allowed = await dev.GetAsync(authority.MetadataUri);

        Assert.Contains("dev mode", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
