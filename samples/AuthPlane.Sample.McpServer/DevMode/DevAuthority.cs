using System.Buffers.Text;
using System.Security.Cryptography;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.OAuth;

namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// The embedded authority of dev mode: a <see cref="TestAuthority"/> on a loopback port that the sample trusts, with
/// this server's MCP endpoint registered as a resource (so MCP clients such as MCP Inspector register, get a consent
/// page and tokens through the full OAuth flow), two ready-made access tokens, the sample registered as a
/// confidential client, and the demo upstream registered as a broker resource for token exchange.
/// </summary>
public sealed class DevAuthority : IAsyncDisposable
{
    /// <summary>How long the printed tokens stay valid.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The client id the sample authenticates with at the dev authority (token exchange).</summary>
    public const string SampleClientId = "authplane-sample";

    /// <summary>The demo upstream's name at the authority: its consent page is <c>{issuer}/connect/demo-calendar</c>.</summary>
    public const string UpstreamDisplayName = "demo-calendar";

    /// <summary>The scope the demo upstream offers and the upstream tool requests.</summary>
    public const string UpstreamScope = "agenda.read";

    private const string Subject = "dev-user";
    private const string SecondUser = "dev-user-2";
    private const string ClientId = "dev-client";

    private readonly TestAuthority _authority;

    private DevAuthority(TestAuthority authority, string resource, string clientSecret)
    {
        _authority = authority;
        Resource = resource;
        SampleClientSecret = clientSecret;
        UpstreamBaseUrl = new Uri(resource).GetLeftPart(UriPartial.Authority) + DemoUpstreamApi.PathBase;
    }

    /// <summary>The embedded authority's issuer (<c>http://127.0.0.1:port</c>).</summary>
    public string Issuer => _authority.Issuer;

    /// <summary>The resource URI the tokens are minted for.</summary>
    public string Resource { get; }

    /// <summary>The sample's client secret at the dev authority, random per start.</summary>
    public string SampleClientSecret { get; }

    /// <summary>The demo upstream's base URL on the sample itself (<c>http://host:port/dev-upstream</c>), also its broker resource indicator.</summary>
    public string UpstreamBaseUrl { get; }

    /// <summary>Where the authority keeps its signing key and registered clients; null when in memory only.</summary>
    public string? StateDirectory { get; private init; }

    /// <summary>
    /// Starts the authority on the configured loopback port, with its state in the configured directory, and registers
    /// this server's resource, the sample's client and the demo upstream.
    /// </summary>
    public static async Task<DevAuthority> StartAsync(string resource, DevAuthoritySettings settings, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(settings);
        var stateDirectory = string.IsNullOrWhiteSpace(settings.StateDirectory) ? null : settings.StateDirectory;
        var options = new TestAuthorityOptions { TokenLifetime = TokenLifetime, Port = settings.Port, StateDirectory = stateDirectory, Users = [Subject, SecondUser] };
        TestAuthority authority;
        try
        {
            authority = await TestAuthority.StartAsync(options, ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The dev authority cannot listen on 127.0.0.1:{settings.Port} ({ex.Message}). Stop what uses the port or set {DevAuthoritySettings.SectionName}__Port.", ex);
        }

        var devAuthority = new DevAuthority(authority, resource, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))) { StateDirectory = stateDirectory };
        authority.RegisterResource(resource, [.. SampleScopes.All]);
        authority.RegisterClient(SampleClientId, devAuthority.SampleClientSecret);
        authority.RegisterUpstream(devAuthority.UpstreamBaseUrl, UpstreamDisplayName, UpstreamScope);
        return devAuthority;
    }

    /// <summary>Mints a Bearer access token for <see cref="Resource"/> granting <paramref name="scopes"/>, valid for <see cref="TokenLifetime"/>.</summary>
    public string MintAccessToken(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return _authority.MintAccessToken(Resource, token =>
        {
            token.Subject = Subject;
            token.ClientId = ClientId;
            token.Scopes = [.. scopes];
        });
    }

    /// <summary>
    /// What the authority vended <paramref name="token"/> for, when it is an unexpired, unrevoked upstream token for
    /// the demo upstream; null for anything else (including the caller's own access token).
    /// </summary>
    public UpstreamGrant? FindDemoUpstreamGrant(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _authority.IsUpstreamToken(token) && _authority.LookupUpstreamGrant(token) is { } grant && grant.Resource == UpstreamBaseUrl
            ? grant
            : null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _authority.DisposeAsync();
}
