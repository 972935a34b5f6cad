using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>
/// A <see cref="TestAuthority"/> on a fake clock with one registered resource, and the client side of the
/// authorization code flow as plain HTTP: registration, PKCE, the authorization URL, a consenting user, token requests.
/// </summary>
internal sealed class FlowHarness : IAsyncDisposable
{
    public const string Resource = "https://mcp.example.com/mcp";
    public const string Read = "calendar:read";
    public const string Write = "calendar:write";
    public const string RedirectUri = "http://127.0.0.1:4711/callback";
    public const string IntrospectorId = "introspector";
    public const string IntrospectorSecret = "introspector-secret";

    private FlowHarness(TestAuthority authority, FakeTimeProvider time)
    {
        Authority = authority;
        Time = time;
    }

    public TestAuthority Authority { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public ConsentUser User { get; } = new();

    public static async Task<FlowHarness> StartAsync(Action<TestAuthorityOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var options = new TestAuthorityOptions { TimeProvider = time };
        configure?.Invoke(options);
        var authority = await TestAuthority.StartAsync(options);
        authority.RegisterResource(Resource, Read, Write);
        authority.RegisterClient(IntrospectorId, IntrospectorSecret);
        return new FlowHarness(authority, time);
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public Task<HttpResponseMessage> RegisterAsync(JsonObject metadata)
        => Http.PostAsJsonAsync(Authority.RegistrationEndpoint, metadata);

    public async Task<string> RegisterPublicClientAsync(string redirectUri = RedirectUri, string? name = null)
    {
        using var response = await RegisterAsync(new JsonObject
        {
            ["redirect_uris"] = new JsonArray(redirectUri),
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["client_name"] = name,
        });
        response.EnsureSuccessStatusCode();
        return (await OAuthHarness.JsonAsync(response))["client_id"]!.GetValue<string>();
    }

    public Uri AuthorizationUrl(string clientId, string challenge, string? scope = Read + " " + Write, string? resource = Resource, string redirectUri = RedirectUri, string state = "xyz", params (string Name, string Value)[] extra)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        };
        if (scope is not null)
        {
            query["scope"] = scope;
        }

        if (resource is not null)
        {
            query["resource"] = resource;
        }

        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return new Uri(QueryHelpers.AddQueryString(Authority.AuthorizationEndpoint.ToString(), query));
    }

    /// <summary>Authorizes with the consenting user and returns the code from the redirect.</summary>
    public async Task<string> GetCodeAsync(string clientId, string challenge, string? scope = Read + " " + Write)
    {
        var location = await User.ConsentAsync(AuthorizationUrl(clientId, challenge, scope));
        return ConsentUser.ReadRedirect(location).Code ?? throw new InvalidOperationException("No code in " + location);
    }

    public Task<HttpResponseMessage> RedeemAsync(string clientId, string code, string verifier, string redirectUri = RedirectUri, string? resource = Resource, string? dpopProof = null)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", "authorization_code"),
            ("client_id", clientId),
            ("code", code),
            ("code_verifier", verifier),
            ("redirect_uri", redirectUri),
        };
        if (resource is not null)
        {
            fields.Add(("resource", resource));
        }

        return PostTokenAsync(fields, dpopProof);
    }

    public Task<HttpResponseMessage> RefreshAsync(string clientId, string refreshToken, string? dpopProof = null)
        => PostTokenAsync([("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", refreshToken), ("resource", Resource)], dpopProof);

    public async Task<HttpResponseMessage> PostTokenAsync(IEnumerable<(string Name, string Value)> fields, string? dpopProof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Authority.TokenEndpoint) { Content = new FormUrlEncodedContent(OAuthHarness.Pairs(fields)) };
        if (dpopProof is not null)
        {
            request.Headers.Add("DPoP", dpopProof);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Whether the authority's introspection says <paramref name="token"/> is active.</summary>
    public async Task<bool> IsActiveAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Authority.IntrospectionEndpoint) { Content = new FormUrlEncodedContent([KeyValuePair.Create("token", token)]) };
        request.Headers.Authorization = OAuthHarness.Basic(IntrospectorId, IntrospectorSecret);
        using var response = await Http.SendAsync(request);
        return (await OAuthHarness.JsonAsync(response))["active"]!.GetValue<bool>();
    }

    public static async Task<JsonObject> TokensAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OAuthHarness.JsonAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        User.Dispose();
        Http.Dispose();
        await Authority.DisposeAsync();
    }
}
