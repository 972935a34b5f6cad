using System.Net;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.OAuthFlow;
using AuthPlane.Sdk.Tests.Sample;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using Xunit;

namespace AuthPlane.Sdk.Tests.Testing;

/// <summary>A TestAuthority with a fixed port and a state directory survives a restart: same issuer, same key, same clients.</summary>
public sealed class TestAuthorityPersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("authplane-test-authority-").FullName;

    [Fact]
    public async Task The_issuer_signing_key_and_registered_clients_survive_a_restart_so_old_tokens_stay_valid()
    {
        var options = new TestAuthorityOptions { Port = SampleHost.FreeLoopbackPort(), StateDirectory = _directory };
        string issuer, keyId, clientId, token;
        await using (var first = await TestAuthority.StartAsync(options))
        {
            using var http = new HttpClient();
            using var registration = await http.PostAsync(first.RegistrationEndpoint, new StringContent(new JsonObject { ["redirect_uris"] = new JsonArray("http://127.0.0.1/cb"), ["token_endpoint_auth_method"] = "none" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            clientId = (await OAuthHarness.JsonAsync(registration))["client_id"]!.GetValue<string>();
            issuer = first.Issuer;
            keyId = first.ActiveKey.KeyId;
            token = first.MintAccessToken("https://mcp.example.com/mcp");
        }

        await using var second = await TestAuthority.StartAsync(options);
        second.RegisterResource("https://mcp.example.com/mcp", "read");
        second.RegisterClient("introspector", "secret");
        using var browser = new ConsentUser();
        var (_, challenge) = FlowHarness.Pkce();
        var authorize = new Uri($"{second.AuthorizationEndpoint}?response_type=code&client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:5555/cb")}&code_challenge={challenge}&code_challenge_method=S256&resource={Uri.EscapeDataString("https://mcp.example.com/mcp")}");
        var location = await browser.ConsentAsync(authorize);
        using var introspectionClient = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, second.IntrospectionEndpoint) { Content = new FormUrlEncodedContent([KeyValuePair.Create("token", token)]) };
        request.Headers.Authorization = OAuthHarness.Basic("introspector", "secret");
        using var introspection = await introspectionClient.SendAsync(request);

        Assert.Equal(issuer, second.Issuer);
        Assert.Equal(keyId, second.ActiveKey.KeyId);
        Assert.NotNull(ConsentUser.ReadRedirect(location).Code);
        Assert.True((await OAuthHarness.JsonAsync(introspection))["active"]!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(_directory, "signing-key.json")));
        Assert.DoesNotContain("client_secret", await File.ReadAllTextAsync(Path.Combine(_directory, "clients.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_start_up()
    {
        await using var first = await TestAuthority.StartAsync();
        var port = new Uri(first.Issuer).Port;

        await Assert.ThrowsAnyAsync<IOException>(() => TestAuthority.StartAsync(new TestAuthorityOptions { Port = port }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
