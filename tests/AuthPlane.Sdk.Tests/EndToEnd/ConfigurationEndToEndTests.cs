using System.Net;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using ModelContextProtocol.Protocol;
using Xunit;
using static AuthPlane.Sdk.Tests.EndToEnd.Wire;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// A host set up only through <c>AddAuthPlane(configuration)</c> with the flat <c>AUTHPLANE_*</c> keys of the
/// AuthPlane ecosystem (as environment variables would give them): the PRM document it serves, its challenges,
/// and a DPoP client accepted by it.
/// </summary>
public sealed class ConfigurationEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>
{
    private readonly TestAuthority _authority = fixture.Authority;

    private Dictionary<string, string?> FlatKeys(string dpop) => new()
    {
        ["AUTHPLANE_ISSUER"] = _authority.Issuer,
        ["AUTHPLANE_RESOURCE"] = EndToEndHost.Resource,
        ["AUTHPLANE_SCOPES"] = "calendar:read calendar:write",
        ["AUTHPLANE_DEV_MODE"] = "true",
        ["AUTHPLANE_DPOP"] = dpop,
    };

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task Prm_document_carries_the_configured_issuer_resource_scopes_and_dpop_fields(string path)
    {
        await using var host = await EndToEndHost.StartFromConfigurationAsync(FlatKeys("required"));
        using var http = host.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(
            "{\"resource\":\"http://localhost/mcp\",\"authorization_servers\":[\"" + _authority.Issuer + "\"],"
            + "\"scopes_supported\":[\"calendar:read\",\"calendar:write\"],\"bearer_methods_supported\":[\"header\"],"
            + "\"dpop_signing_alg_values_supported\":[\"ES256\",\"RS256\",\"PS256\"],\"dpop_bound_access_tokens_required\":true}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Prm_document_has_no_dpop_fields_when_dpop_is_disabled()
    {
        await using var host = await EndToEndHost.StartFromConfigurationAsync(FlatKeys("disabled"));
        using var http = host.CreateHttpClient();

        var body = await http.GetStringAsync("/.well-known/oauth-protected-resource/mcp");

        Assert.Equal(
            "{\"resource\":\"http://localhost/mcp\",\"authorization_servers\":[\"" + _authority.Issuer + "\"],"
            + "\"scopes_supported\":[\"calendar:read\",\"calendar:write\"],\"bearer_methods_supported\":[\"header\"]}",
            body);
    }

    [Fact]
    public async Task Host_configured_from_flat_keys_challenges_in_dpop_only_and_accepts_a_dpop_client()
    {
        await using var host = await EndToEndHost.StartFromConfigurationAsync(FlatKeys("required"));
        using var key = DPoPKey.Create();
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d => (d.Scopes, d.ConfirmationThumbprint) = (["calendar:read"], key.Thumbprint));

        using var anonymous = await host.PostAsync(authorization: null);
        await using var client = await host.ConnectAsync(new DPoPClientHandler(key, token));
        var read = await client.CallToolAsync("read_calendar");

        await AssertRejectedAsync(anonymous, HttpStatusCode.Unauthorized, [$"DPoP {Realm}, {Algs}, {AllScopes}, {Prm}"], null, "An access token is required");
        Assert.Equal("events", Assert.IsType<TextContentBlock>(Assert.Single(read.Content)).Text);
    }
}
