using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>Key rotation and a JWKS outage at the authority, seen through the real pipeline (each test owns its authority).</summary>
public sealed class AuthorityKeysEndToEndTests
{
    [Fact]
    public async Task Token_signed_with_a_rotated_key_is_accepted_after_exactly_one_jwks_fetch()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var host = await EndToEndHost.StartAsync(authority.Issuer);
        var before = authority.MintAccessToken(EndToEndHost.Resource, d => d.Scopes = ["calendar:read"]);
        using (var warm = await host.PostAsync("Bearer " + before))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        authority.ResetCounts();
        var rotated = authority.RotateKey();
        var after = authority.MintAccessToken(EndToEndHost.Resource, d => d.Scopes = ["calendar:read"]);
        await using var client = await host.ConnectWithBearerAsync(after);
        var read = await client.CallToolAsync("read_calendar");

        Assert.NotEqual(rotated.KeyId, KeyId(before));
        Assert.Equal(rotated.KeyId, KeyId(after));
        Assert.Equal("events", Assert.IsType<TextContentBlock>(Assert.Single(read.Content)).Text);
        Assert.Equal(1, authority.JwksFetchCount);
    }

    private static string? KeyId(string jwt) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(jwt.AsSpan(0, jwt.IndexOf('.', StringComparison.Ordinal))))!["kid"]!.GetValue<string>();

    [Fact]
    public async Task Failed_jwks_refresh_keeps_the_last_good_keys()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var host = await EndToEndHost.StartAsync(authority.Issuer);
        using (var warm = await host.PostAsync("Bearer " + authority.MintAccessToken(EndToEndHost.Resource)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        authority.JwksFault = EndpointFault.ServerError;
        var unknownKid = authority.MintAccessToken(EndToEndHost.Resource, d => d.SigningKey = authority.CreateUnpublishedKey());
        using var refused = await host.PostAsync("Bearer " + unknownKid);
        await using var client = await host.ConnectWithBearerAsync(authority.MintAccessToken(EndToEndHost.Resource, d => d.Scopes = ["calendar:read"]));
        var read = await client.CallToolAsync("read_calendar");

        Assert.Equal(2, authority.JwksFetchCount);
        await Wire.AssertUnauthorizedAsync(refused, "Bearer", "invalid_token", "The access token was signed with an unknown key");
        Assert.Equal("events", Assert.IsType<TextContentBlock>(Assert.Single(read.Content)).Text);
    }

    [Fact]
    public async Task Jwks_down_from_the_start_is_503_with_retry_after_and_no_challenge()
    {
        await using var authority = await TestAuthority.StartAsync();
        authority.JwksFault = EndpointFault.ServerError;
        await using var host = await EndToEndHost.StartAsync(authority.Issuer);

        using var response = await host.PostAsync("Bearer " + authority.MintAccessToken(EndToEndHost.Resource));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        Assert.Equal(
            """{"error":"temporarily_unavailable","error_description":"The authorization server cannot be reached to verify the token"}""",
            await response.Content.ReadAsStringAsync());
        Assert.True(authority.JwksFetchCount >= 1);
    }
}
