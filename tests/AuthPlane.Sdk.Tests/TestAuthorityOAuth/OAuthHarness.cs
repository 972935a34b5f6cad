using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>
/// A running <see cref="TestAuthority"/> (through <see cref="AuthorityHarness"/>: fake clock, the SDK's verifier
/// pointed at it) with one registered client and one broker resource, plus a plain <see cref="HttpClient"/>.
/// </summary>
internal sealed class OAuthHarness : IAsyncDisposable
{
    public const string ClientId = "mcp-server";
    public const string ClientSecret = "s3cret";
    public const string Calendar = "https://www.googleapis.com/calendar";
    public const string CalendarName = "google-calendar";
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    private OAuthHarness(AuthorityHarness inner)
    {
        Inner = inner;
    }

    public AuthorityHarness Inner { get; }

    public TestAuthority Authority => Inner.Authority;

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public static async Task<OAuthHarness> StartAsync(string issuerPath = "")
    {
        var inner = await AuthorityHarness.StartAsync(issuerPath: issuerPath);
        inner.Authority.RegisterClient(ClientId, ClientSecret);
        inner.Authority.RegisterUpstream(Calendar, CalendarName, "calendar.read", "calendar.write");
        return new OAuthHarness(inner);
    }

    /// <summary>client_secret_basic as RFC 6749 §2.3.1 says: id and secret form-urlencoded, then base64.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WebUtility.UrlEncode(clientId) + ":" + WebUtility.UrlEncode(secret))));

    public async Task<HttpResponseMessage> PostFormAsync(Uri endpoint, IEnumerable<KeyValuePair<string, string>> fields, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = authorization;
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostTokenAsync(params (string Name, string Value)[] fields)
        => PostFormAsync(Authority.TokenEndpoint, Pairs(fields), Basic(ClientId, ClientSecret));

    public Task<HttpResponseMessage> ExchangeAsync(string subjectToken, string resource = Calendar, string? scope = null)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", TokenExchangeGrant),
            ("subject_token", subjectToken),
            ("subject_token_type", AccessTokenType),
            ("resource", resource),
        };
        if (scope is not null)
        {
            fields.Add(("scope", scope));
        }

        return PostTokenAsync([.. fields]);
    }

    public Task<HttpResponseMessage> IntrospectAsync(string token)
        => PostFormAsync(Authority.IntrospectionEndpoint, Pairs([("token", token)]), Basic(ClientId, ClientSecret));

    public Task<HttpResponseMessage> RevokeAsync(string token)
        => PostFormAsync(Authority.RevocationEndpoint, Pairs([("token", token)]), Basic(ClientId, ClientSecret));

    /// <summary>A user's access token for an MCP server, minted by the authority (the subject token of an exchange).</summary>
    public string UserToken(string subject = "alice") => Inner.Mint(d => d.Subject = subject);

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static IEnumerable<KeyValuePair<string, string>> Pairs(IEnumerable<(string Name, string Value)> fields)
        => fields.Select(static field => KeyValuePair.Create(field.Name, field.Value));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Inner.DisposeAsync();
    }
}
