using System.Text.Json;
using AuthPlane.Sample.McpServer;
using AuthPlane.Sdk.Tests.Sample;
using AuthPlane.Sdk.Tests.Testing;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>
/// The official MCP C# client with its own OAuth support (dynamic registration, PKCE, RFC 9207 iss and state checks,
/// step-up) connects to the real sample in dev mode; a user drives the dev authority's real consent page over HTTP.
/// </summary>
public sealed class McpClientOAuthTests
{
    // A loopback redirect URI: the dev authority lets any port match it (RFC 8252 §7.3). Nothing listens there: the
    // consent user (or the browser test, which intercepts the navigation) hands the redirect straight to the client.
    internal static readonly Uri RedirectUri = new("http://127.0.0.1:53682/oauth/callback");

    [Fact]
    public async Task The_official_client_registers_gets_consent_and_a_token_and_calls_tools_as_the_consenting_user()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var user = new ConsentUser();
        string? registeredClientId = null;

        await using var client = await ConnectAsync(server, user, scopes: null, registered => registeredClientId = registered);
        var tools = await client.ListToolsAsync();
        var whoami = await client.CallToolAsync("whoami");
        var events = await client.CallToolAsync("list_events", new Dictionary<string, object?> { ["days"] = 7 });

        Assert.Single(user.Pages);
        Assert.Equal(["calendar:read", "calendar:write"], ConsentForm.ScopeCheckboxes(user.Pages[0]));
        Assert.Contains("upstream_agenda", tools.Select(static tool => tool.Name));
        using var caller = JsonDocument.Parse(Text(whoami));
        Assert.Equal("dev-user", caller.RootElement.GetProperty("sub").GetString());
        Assert.Equal(registeredClientId, caller.RootElement.GetProperty("client_id").GetString());
        Assert.StartsWith("dcr-", registeredClientId, StringComparison.Ordinal);
        Assert.Equal(["calendar:read", "calendar:write"], caller.RootElement.GetProperty("scopes").EnumerateArray().Select(static s => s.GetString()));
        Assert.NotEqual(true, events.IsError);
    }

    [Fact]
    public async Task A_read_only_grant_steps_up_on_create_event_and_the_second_consent_page_asks_only_for_the_new_scope()
    {
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var user = new ConsentUser();
        user.Untick.Add(SampleScopes.CalendarWrite);

        await using var client = await ConnectAsync(server, user, scopes: null);
        var before = JsonDocument.Parse(Text(await client.CallToolAsync("whoami")));
        user.Untick.Clear();
        var created = await client.CallToolAsync("create_event", new Dictionary<string, object?> { ["title"] = "Step-up", ["start"] = "2030-01-01T09:00:00Z" });
        var after = JsonDocument.Parse(Text(await client.CallToolAsync("whoami")));

        Assert.Equal(["calendar:read"], before.RootElement.GetProperty("scopes").EnumerateArray().Select(static s => s.GetString()));
        Assert.Equal(2, user.Pages.Count);
        Assert.Equal(["calendar:write"], ConsentForm.ScopeCheckboxes(user.Pages[1]));
        Assert.Equal(["calendar:read"], ConsentForm.AlreadyGranted(user.Pages[1]));
        Assert.NotEqual(true, created.IsError);
        Assert.Contains("Step-up", Text(created), StringComparison.Ordinal);
        Assert.Equal(["calendar:read", "calendar:write"], after.RootElement.GetProperty("scopes").EnumerateArray().Select(static s => s.GetString()));
    }

    internal static async Task<McpClient> ConnectAsync(SampleServer server, ConsentUser user, IEnumerable<string>? scopes, Action<string>? registered = null)
        => await ConnectAsync(server.McpUrl, user.AuthorizeAsync, scopes, registered);

    internal static async Task<McpClient> ConnectAsync(
        string mcpUrl,
        Func<AuthorizationCallbackContext, CancellationToken, Task<AuthorizationResult?>> authorize,
        IEnumerable<string>? scopes,
        Action<string>? registered = null)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(mcpUrl),
                TransportMode = HttpTransportMode.StreamableHttp,
                OAuth = new ClientOAuthOptions
                {
                    RedirectUri = RedirectUri,
                    Scopes = scopes,
                    AuthorizationCallbackHandler = authorize,
                    DynamicClientRegistration = new DynamicClientRegistrationOptions
                    {
                        ClientName = "AuthPlane SDK tests",
                        ResponseDelegate = (response, _) =>
                        {
                            registered?.Invoke(response.ClientId);
                            return Task.CompletedTask;
                        },
                    },
                },
            },
            new HttpClient(),
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
