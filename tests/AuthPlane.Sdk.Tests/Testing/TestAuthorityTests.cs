using System.Buffers.Text;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Testing;

/// <summary>The public TestAuthority: what it serves, what it mints, and its knobs.</summary>
public sealed class TestAuthorityTests
{
    private static JsonElement Decode(string segment) => JsonDocument.Parse(Base64Url.DecodeFromChars(segment)).RootElement;

    [Fact]
    public async Task It_listens_on_loopback_and_serves_AuthPlane_shaped_metadata()
    {
        await using var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { IssuerPath = "/tenant" });
        using var client = new HttpClient();

        var metadata = JsonNode.Parse(await client.GetStringAsync(authority.MetadataUri))!.AsObject();

        Assert.StartsWith("http://127.0.0.1:", authority.Issuer, StringComparison.Ordinal);
        Assert.EndsWith("/tenant", authority.Issuer, StringComparison.Ordinal);
        Assert.Equal(authority.Issuer, (string?)metadata["issuer"]);
        Assert.Equal(authority.JwksUri.ToString(), (string?)metadata["jwks_uri"]);
        Assert.Equal(authority.Issuer + "/.well-known/jwks.json", (string?)metadata["jwks_uri"]);
        Assert.Equal(authority.Issuer + "/oauth/authorize", (string?)metadata["authorization_endpoint"]);
        Assert.Equal(authority.Issuer + "/oauth/token", (string?)metadata["token_endpoint"]);
        Assert.Equal(authority.Issuer + "/oauth/register", (string?)metadata["registration_endpoint"]);
        Assert.Equal(authority.Issuer + "/oauth/introspect", (string?)metadata["introspection_endpoint"]);
        Assert.Equal(authority.Issuer + "/oauth/revoke", (string?)metadata["revocation_endpoint"]);
        Assert.Equal("[\"S256\"]", metadata["code_challenge_methods_supported"]!.ToJsonString());
        Assert.Equal("[\"ES256\",\"RS256\",\"PS256\"]", metadata["dpop_signing_alg_values_supported"]!.ToJsonString());
        Assert.NotNull(metadata["grant_types_supported"]);
        Assert.NotNull(metadata["response_types_supported"]);
        Assert.Equal(1, authority.MetadataFetchCount);
    }

    [Fact]
    public async Task Minted_tokens_have_AuthPlane_claim_shape()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 22, 0, 0, 0, TimeSpan.Zero));
        await using var authority = await TestAuthority.StartAsync(new TestAuthorityOptions { TimeProvider = clock });

        var token = authority.MintAccessToken("https://mcp.example.com/mcp", d => d.Scopes = ["read", "write"]);
        var parts = token.Split('.');
        var header = Decode(parts[0]);
        var payload = Decode(parts[1]);

        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(authority.ActiveKey.KeyId, header.GetProperty("kid").GetString());
        Assert.Equal(authority.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("aud").ValueKind);
        Assert.Equal("https://mcp.example.com/mcp", payload.GetProperty("aud")[0].GetString());
        Assert.Equal("read write", payload.GetProperty("scope").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), payload.GetProperty("nbf").GetInt64());
        Assert.Equal(clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.True(payload.TryGetProperty("jti", out _));
        Assert.True(payload.TryGetProperty("sub", out _));
        Assert.True(payload.TryGetProperty("client_id", out _));
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public async Task Claims_and_header_overrides_replace_add_and_remove()
    {
        await using var authority = await TestAuthority.StartAsync();

        var token = authority.MintAccessToken("https://r.example", d =>
        {
            d.Claims["scope"] = "custom";
            d.Claims["client_id"] = null;
            d.Claims["tenant"] = new JsonObject { ["id"] = 7 };
            d.Header["typ"] = null;
            d.Header["x-test"] = true;
        });
        var parts = token.Split('.');
        var header = Decode(parts[0]);
        var payload = Decode(parts[1]);

        Assert.False(header.TryGetProperty("typ", out _));
        Assert.True(header.GetProperty("x-test").GetBoolean());
        Assert.Equal("custom", payload.GetProperty("scope").GetString());
        Assert.False(payload.TryGetProperty("client_id", out _));
        Assert.Equal(7, payload.GetProperty("tenant").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Keys_can_be_rotated_withheld_and_published()
    {
        await using var authority = await TestAuthority.StartAsync();
        using var client = new HttpClient();
        var first = authority.ActiveKey;

        var second = authority.RotateKey("RS256");
        var kidsAfterRotate = await KidsAsync(client, authority);
        authority.WithholdKey(first.KeyId);
        var kidsAfterWithhold = await KidsAsync(client, authority);
        var extra = authority.CreateUnpublishedKey("ES384");
        var kidsBeforePublish = await KidsAsync(client, authority);
        authority.PublishKey(extra);
        var kidsAfterPublish = await KidsAsync(client, authority);
        var third = authority.RotateKey(keepPreviousInJwks: false);
        var kidsAfterReplace = await KidsAsync(client, authority);

        Assert.Equal([first.KeyId, second.KeyId], kidsAfterRotate);
        Assert.Equal([second.KeyId], kidsAfterWithhold);
        Assert.Equal([second.KeyId], kidsBeforePublish);
        Assert.Equal([second.KeyId, extra.KeyId], kidsAfterPublish);
        Assert.Equal([extra.KeyId, third.KeyId], kidsAfterReplace);
        Assert.Equal(5, authority.JwksFetchCount);
        authority.ResetCounts();
        Assert.Equal(0, authority.JwksFetchCount);
    }

    [Theory]
    [InlineData(EndpointFault.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(EndpointFault.NotFound, HttpStatusCode.NotFound)]
    [InlineData(EndpointFault.InvalidJson, HttpStatusCode.OK)]
    public async Task Faults_change_what_the_endpoints_answer(EndpointFault fault, HttpStatusCode expected)
    {
        await using var authority = await TestAuthority.StartAsync();
        using var client = new HttpClient();
        authority.MetadataFault = fault;
        authority.JwksFault = fault;

        var metadata = await client.GetAsync(authority.MetadataUri);
        var jwks = await client.GetAsync(authority.JwksUri);

        Assert.Equal(expected, metadata.StatusCode);
        Assert.Equal(expected, jwks.StatusCode);
        if (fault == EndpointFault.InvalidJson)
        {
            var body = await jwks.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        }
    }

    [Fact]
    public async Task A_stalled_endpoint_never_answers_until_the_client_gives_up()
    {
        await using var authority = await TestAuthority.StartAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        authority.JwksFault = EndpointFault.Stall;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(authority.JwksUri));
    }

    [Fact]
    public async Task Served_documents_can_be_rewritten_and_cache_control_set()
    {
        await using var authority = await TestAuthority.StartAsync();
        using var client = new HttpClient();
        authority.MetadataOverride = metadata => metadata["issuer"] = "https://other.example";
        authority.JwkOverride = (jwk, key) => jwk["use"] = "enc";
        authority.JwksCacheControl = "max-age=120";

        var metadata = JsonNode.Parse(await client.GetStringAsync(authority.MetadataUri))!;
        var response = await client.GetAsync(authority.JwksUri);
        var jwks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("https://other.example", (string?)metadata["issuer"]);
        Assert.Equal("enc", (string?)jwks["keys"]![0]!["use"]);
        Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.CacheControl!.MaxAge);
    }

    private static async Task<string[]> KidsAsync(HttpClient client, TestAuthority authority)
    {
        var jwks = JsonNode.Parse(await client.GetStringAsync(authority.JwksUri))!;
        return [.. jwks["keys"]!.AsArray().Select(key => (string)key!["kid"]!)];
    }
}
