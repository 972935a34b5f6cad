using System.Net;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using Xunit;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// A host behind a reverse proxy (<c>UseForwardedHeaders</c> trusting any proxy): a spoofed <c>Host</c> or
/// <c>X-Forwarded-Host</c>/<c>X-Forwarded-Proto</c> changes what the application sees, but never the URL a DPoP
/// proof must name, which stays the configured resource origin plus the path.
/// </summary>
public sealed class ForwardedHostEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>, IDisposable
{
    private const string HtuMismatch = "DPoP proof htu does not match the request URL (a proxy that rewrites the path breaks DPoP)";

    private readonly TestAuthority _authority = fixture.Authority;
    private readonly DPoPKey _key = DPoPKey.Create();

    public void Dispose() => _key.Dispose();

    public static TheoryData<string, string> Spoofs => new()
    {
        { "host", "http://evil.example/mcp" },
        { "forwarded", "https://evil.example/mcp" },
    };

    private static void Spoof(HttpRequestMessage request, string spoof)
    {
        if (spoof == "host")
        {
            request.Headers.Host = "evil.example";
        }
        else
        {
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(EndToEndHost host, string spoof, string htu)
    {
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d => d.ConfirmationThumbprint = _key.Thumbprint);
        using var http = host.CreateHttpClient();
        using var request = Rpc.Request(Rpc.ListTools);
        Spoof(request, spoof);
        request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + token);
        request.Headers.Add("DPoP", new DPoPProofBuilder(_key, "POST", htu).WithAccessToken(token).Build());
        return await http.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Spoofs))]
    public async Task The_spoof_reaches_the_application(string spoof, string spoofedUrl)
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, forwardedHeaders: true);
        using var http = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whereami");
        Spoof(request, spoof);

        using var response = await http.SendAsync(request);

        Assert.Equal(new Uri(spoofedUrl).GetLeftPart(UriPartial.Authority), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Spoofs))]
    public async Task Proof_naming_the_spoofed_url_is_refused(string spoof, string spoofedUrl)
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, forwardedHeaders: true);

        using var response = await SendAsync(host, spoof, spoofedUrl);

        await Wire.AssertUnauthorizedAsync(response, "DPoP", "invalid_dpop_proof", HtuMismatch);
    }

    [Theory]
    [MemberData(nameof(Spoofs))]
    public async Task Proof_naming_the_configured_resource_is_accepted_despite_the_spoof(string spoof, string spoofedUrl)
    {
        Assert.NotEqual(EndToEndHost.Resource, spoofedUrl);
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, forwardedHeaders: true);

        using var response = await SendAsync(host, spoof, EndToEndHost.Resource);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://LOCALHOST/mcp")]
    [InlineData("HTTP://localhost:80/mcp")]
    [InlineData("http://localhost/mcp?page=2#top")]
    public async Task Equivalent_spellings_of_the_configured_url_are_accepted(string htu)
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, forwardedHeaders: true);

        using var response = await SendAsync(host, "forwarded", htu);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://localhost/mcp")]
    [InlineData("http://localhost/MCP")]
    [InlineData("http://localhost:8080/mcp")]
    public async Task Other_urls_than_the_configured_resource_are_refused(string htu)
    {
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, forwardedHeaders: true);

        using var response = await SendAsync(host, "host", htu);

        await Wire.AssertUnauthorizedAsync(response, "DPoP", "invalid_dpop_proof", HtuMismatch);
    }
}
