using AuthPlane.Sdk.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace AuthPlaneMcp.Tests;

/// <summary>
/// The server under test, in-process through <see cref="WebApplicationFactory{TEntryPoint}"/>, protected by a
/// <see cref="TestAuthority"/> on a loopback port. Clients call https://localhost: the resource's origin, which a
/// DPoP proof must name.
/// </summary>
public sealed class ProtectedServer : IAsyncLifetime
{
    /// <summary>The resource URI the server is configured with and tokens are minted for.</summary>
    public const string Resource = "https://localhost/mcp";

    /// <summary>The origin clients call.</summary>
    public static readonly Uri BaseAddress = new("https://localhost");

    private WebApplicationFactory<Program>? _factory;
    private TestAuthority? _authority;

    /// <summary>The authority that issues the test tokens.</summary>
    public TestAuthority Authority => _authority ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The in-process server.</summary>
    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A token for <see cref="Resource"/> with <paramref name="scopes"/>.</summary>
    public string MintToken(params string[] scopes) => Authority.MintAccessToken(Resource, t => t.Scopes = scopes);

    /// <summary>An HTTP client to the server; <paramref name="handlers"/> (e.g. a DPoP handler) see every request.</summary>
    public HttpClient CreateClient(params DelegatingHandler[] handlers) => Factory.CreateDefaultClient(BaseAddress, handlers);

    /// <summary>The official MCP client over Streamable HTTP, through <paramref name="http"/>.</summary>
    public static Task<McpClient> ConnectAsync(HttpClient http) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(Resource) }, http));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _authority = await TestAuthority.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("AuthPlane:Issuer", _authority.Issuer)
            .UseSetting("AuthPlane:Resource", Resource)
            .UseSetting("AuthPlane:DevMode", "true")); // the test authority speaks http on loopback
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }
    }
}
