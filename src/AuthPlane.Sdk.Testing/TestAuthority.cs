using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.Hosting;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthPlane.Sdk.Testing;

/// <summary>
/// An in-process, AuthPlane-compatible authorization server for integration tests and local development. It listens
/// on a loopback port (http) and serves what an MCP client needs from AuthPlane: RFC 8414 metadata, a JWKS, RFC 7591
/// dynamic client registration, the authorization endpoint with PKCE and a login-less consent page, and the token
/// endpoint (authorization code, refresh token rotation, client credentials, token exchange, DPoP-bound tokens), plus
/// introspection and revocation. It also mints access tokens with AuthPlane's claim shape directly. Knobs rotate,
/// withhold or publish keys, make endpoints fail or stall, rewrite what is served, and count requests. Point the SDK
/// at <see cref="Issuer"/> with dev mode on.
/// </summary>
/// <remarks>
/// The authority installs no signal handling of its own: Ctrl+C or SIGTERM ends the process that hosts it (or that
/// process's own host stops and disposes it), never waits on the authority.
/// </remarks>
public sealed partial class TestAuthority : IAsyncDisposable
{
    private const string JwksPath = "/.well-known/jwks.json";
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    private readonly WebApplication _app;
    private readonly TestAuthorityOptions _options;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly AuthorityStateStore? _stateStore;
    private readonly TokenEndpointDPoP _tokenEndpointDPoP;
    private readonly List<TestSigningKey> _ownedKeys = [];
    private List<TestSigningKey> _published = [];
    private TestSigningKey _activeKey;
    private int _metadataFetchCount;
    private int _jwksFetchCount;
    private string _origin = string.Empty;

    private TestAuthority(WebApplication app, TestAuthorityOptions options)
    {
        _app = app;
        _options = options;
        _tokenEndpointDPoP = new TokenEndpointDPoP(options);
        _stateStore = options.StateDirectory is { Length: > 0 } directory ? new AuthorityStateStore(directory) : null;
        _activeKey = _stateStore?.LoadOrCreateKey(options.Algorithm) ?? TestSigningKey.Create(options.Algorithm);
        foreach (var client in _stateStore?.LoadClients() ?? [])
        {
            _clients.Add(client);
        }

        _ownedKeys.Add(_activeKey);
        _published.Add(_activeKey);
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:5123</c> followed by <see cref="TestAuthorityOptions.IssuerPath"/> exactly as configured.</summary>
    public string Issuer => _origin + _options.IssuerPath;

    /// <summary>The RFC 8414 metadata URL (<c>/.well-known/oauth-authorization-server</c> inserted before the issuer path).</summary>
    public Uri MetadataUri => new(_origin + "/.well-known/oauth-authorization-server" + PathPrefix);

    /// <summary>The OpenID Connect discovery URL (served only when <see cref="ServeOpenIdConfiguration"/> is on).</summary>
    public Uri OpenIdConfigurationUri => new(_origin + PathPrefix + "/.well-known/openid-configuration");

    /// <summary>
    /// The JWKS URL advertised in metadata, <c>{issuer}/.well-known/jwks.json</c> as AuthPlane serves it. The same keys
    /// are also served under <c>{JwksUri}/{name}</c> (see <see cref="LastJwksRequestPath"/>).
    /// </summary>
    public Uri JwksUri => new(_origin + PathPrefix + JwksPath);

    // The issuer path without a terminating slash, under which every endpoint lives (RFC 8414 §3.1).
    private string PathPrefix => _options.IssuerPath.TrimEnd('/');

    /// <summary>The key that signs tokens by default.</summary>
    public TestSigningKey ActiveKey
    {
        get
        {
            lock (_gate)
            {
                return _activeKey;
            }
        }
    }

    /// <summary>Makes the metadata endpoints misbehave.</summary>
    public EndpointFault MetadataFault { get; set; }

    /// <summary>Makes the JWKS endpoint misbehave.</summary>
    public EndpointFault JwksFault { get; set; }

    /// <summary>Serves RFC 8414 metadata (on by default); turn off to test the OpenID discovery fallback.</summary>
    public bool ServeOAuthMetadata { get; set; } = true;

    /// <summary>Serves OpenID Connect discovery at <see cref="OpenIdConfigurationUri"/> too (off by default).</summary>
    public bool ServeOpenIdConfiguration { get; set; }

    /// <summary>How many metadata requests arrived (both well-known locations, faulted ones included).</summary>
    public int MetadataFetchCount => Volatile.Read(ref _metadataFetchCount);

    /// <summary>How many JWKS requests arrived (faulted ones included).</summary>
    public int JwksFetchCount => Volatile.Read(ref _jwksFetchCount);

    /// <summary>The path of the last JWKS request, e.g. <c>/.well-known/jwks.json</c> or <c>/.well-known/jwks.json/v2</c>.</summary>
    public string? LastJwksRequestPath { get; private set; }

    /// <summary>Mutates the metadata document before it is served (e.g. remove <c>jwks_uri</c>, change <c>issuer</c>).</summary>
    public Action<JsonObject>? MetadataOverride { get; set; }

    /// <summary>Mutates each public JWK before it is served (e.g. <c>use: "enc"</c>).</summary>
    public Action<JsonObject, TestSigningKey>? JwkOverride { get; set; }

    /// <summary>The <c>Cache-Control</c> header of JWKS responses (e.g. <c>max-age=60</c>); none when null.</summary>
    public string? JwksCacheControl { get; set; }

    /// <summary>Starts an authority on a loopback port (<see cref="TestAuthorityOptions.Port"/>; a free one by default).</summary>
    public static async Task<TestAuthority> StartAsync(TestAuthorityOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TestAuthorityOptions();
        if (options.IssuerPath.Length > 0 && options.IssuerPath[0] != '/')
        {
            throw new ArgumentException("IssuerPath must be empty or start with '/'.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0 (a free port) or a TCP port number.");
        }

        if (options.Users.Count == 0 || options.Users.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Users must name at least one user, and no empty one.", nameof(options));
        }

        // An empty builder reads no appsettings.json or environment, so the host application's Kestrel
        // configuration (e.g. in the sample's dev mode) cannot move the authority off its loopback port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(TestAuthority).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.Port}"));
        builder.Services.AddRoutingCore();

        // No console lifetime: it would swallow Ctrl+C and SIGTERM for the whole process and only stop this authority.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var app = builder.Build();
        var authority = new TestAuthority(app, options);
        app.Use(authority.AnswerCorsAsync);
        authority.MapRoutes(app);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        authority._origin = address.TrimEnd('/');
        return authority;
    }

    /// <summary>Creates a new key, makes it the active key and publishes it.</summary>
    /// <param name="algorithm">The new key's algorithm.</param>
    /// <param name="keepPreviousInJwks">False withdraws the previous active key from the JWKS.</param>
    public TestSigningKey RotateKey(string algorithm = "ES256", bool keepPreviousInJwks = true)
    {
        var key = CreateUnpublishedKey(algorithm);
        lock (_gate)
        {
            var published = new List<TestSigningKey>(_published);
            if (!keepPreviousInJwks)
            {
                published.Remove(_activeKey);
            }

            published.Add(key);
            _published = published;
            _activeKey = key;
        }

        return key;
    }

    /// <summary>Removes the key <paramref name="kid"/> from the JWKS (it can still sign).</summary>
    public void WithholdKey(string kid)
    {
        lock (_gate)
        {
            _published = _published.FindAll(key => key.KeyId != kid);
        }
    }

    /// <summary>Adds <paramref name="key"/> to the JWKS.</summary>
    public void PublishKey(TestSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _published = [.. _published, key];
        }
    }

    /// <summary>Creates a key this authority owns (and disposes) but does not publish.</summary>
    public TestSigningKey CreateUnpublishedKey(string algorithm = "ES256", int rsaBits = 2048)
    {
        var key = TestSigningKey.Create(algorithm, rsaBits: rsaBits);
        lock (_gate)
        {
            _ownedKeys.Add(key);
        }

        return key;
    }

    /// <summary>Resets <see cref="MetadataFetchCount"/> and <see cref="JwksFetchCount"/> to zero.</summary>
    public void ResetCounts()
    {
        Interlocked.Exchange(ref _metadataFetchCount, 0);
        Interlocked.Exchange(ref _jwksFetchCount, 0);
    }

    /// <summary>Mints an AuthPlane access token for <paramref name="resource"/>; <paramref name="configure"/> changes any part of it.</summary>
    public string MintAccessToken(string resource, Action<AccessTokenDescriptor>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var now = _options.TimeProvider.GetUtcNow();
        var descriptor = new AccessTokenDescriptor
        {
            Audiences = [resource],
            IssuedAt = now,
            NotBefore = now,
            ExpiresAt = now + _options.TokenLifetime,
        };
        configure?.Invoke(descriptor);
        var key = descriptor.SigningKey ?? ActiveKey;

        var header = new JsonObject { ["typ"] = "at+jwt", ["alg"] = key.Algorithm, ["kid"] = key.KeyId };
        Apply(header, descriptor.Header);
        var payload = CreatePayload(Issuer, descriptor);
        Apply(payload, descriptor.Claims);
        return SignCompact(header.ToJsonString(Compact), payload.ToJsonString(Compact), key, descriptor.Signature);
    }

    /// <summary>
    /// Builds a compact JWS from raw header and payload JSON text, exactly as given (so tests can send duplicate
    /// members or odd formatting), signed with <paramref name="key"/> (the active key by default) or carrying
    /// <paramref name="signature"/> instead.
    /// </summary>
    public string SignCompact(string headerJson, string payloadJson, TestSigningKey? key = null, byte[]? signature = null)
    {
        ArgumentNullException.ThrowIfNull(headerJson);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var bytes = signature ?? (key ?? ActiveKey).Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(bytes);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        lock (_gate)
        {
            foreach (var key in _ownedKeys)
            {
                key.Dispose();
            }
        }
    }

    // Every route of the authority is mapped here; later endpoints (token, introspection, ...) join this list.
    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        var prefix = PathPrefix;
        routes.MapGet("/.well-known/oauth-authorization-server" + prefix, context =>
            ServeMetadataAsync(context, ServeOAuthMetadata));
        routes.MapGet(prefix + "/.well-known/openid-configuration", context =>
            ServeMetadataAsync(context, ServeOpenIdConfiguration));
        routes.MapGet(prefix + JwksPath, ServeJwksAsync);
        routes.MapGet(prefix + JwksPath + "/{name}", ServeJwksAsync);
        MapOAuthRoutes(routes);
    }

    private async Task ServeMetadataAsync(HttpContext context, bool enabled)
    {
        Interlocked.Increment(ref _metadataFetchCount);
        if (!enabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (await ApplyFaultAsync(context, MetadataFault).ConfigureAwait(false))
        {
            return;
        }

        var metadata = CreateMetadata();
        MetadataOverride?.Invoke(metadata);
        await WriteJsonAsync(context, metadata).ConfigureAwait(false);
    }

    private string EndpointUrl(string path) => _origin + PathPrefix + path;

    // AuthPlane's metadata document, members in its order; it advertises exactly the endpoints and grants served here.
    private JsonObject CreateMetadata() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = AuthorizationEndpoint.ToString(),
        ["token_endpoint"] = TokenEndpoint.ToString(),
        ["registration_endpoint"] = RegistrationEndpoint.ToString(),
        ["revocation_endpoint"] = RevocationEndpoint.ToString(),
        ["introspection_endpoint"] = IntrospectionEndpoint.ToString(),
        ["jwks_uri"] = JwksUri.ToString(),
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = Strings(SupportedGrantTypes),
        ["token_endpoint_auth_methods_supported"] = new JsonArray(RegisteredClient.PublicMethod, "client_secret_basic", "client_secret_post"),
        ["introspection_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        ["revocation_endpoint_auth_methods_supported"] = new JsonArray(RegisteredClient.PublicMethod, "client_secret_basic", "client_secret_post"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["scopes_supported"] = Strings(ScopesSupported()),
        ["resource_indicators_supported"] = true,
        ["dpop_signing_alg_values_supported"] = Strings(_options.DPoPSigningAlgorithms),
        ["authorization_response_iss_parameter_supported"] = true,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(static value => (JsonNode?)value)]);

    private async Task ServeJwksAsync(HttpContext context)
    {
        Interlocked.Increment(ref _jwksFetchCount);
        LastJwksRequestPath = context.Request.Path.Value;
        if (await ApplyFaultAsync(context, JwksFault).ConfigureAwait(false))
        {
            return;
        }

        List<TestSigningKey> published;
        lock (_gate)
        {
            published = _published;
        }

        var keys = new JsonArray();
        foreach (var key in published)
        {
            var jwk = key.PublicJwk();
            JwkOverride?.Invoke(jwk, key);
            keys.Add(jwk);
        }

        if (JwksCacheControl is { } cacheControl)
        {
            context.Response.Headers.CacheControl = cacheControl;
        }

        await WriteJsonAsync(context, new JsonObject { ["keys"] = keys }).ConfigureAwait(false);
    }

    private async Task<bool> ApplyFaultAsync(HttpContext context, EndpointFault fault)
    {
        switch (fault)
        {
            case EndpointFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return true;
            case EndpointFault.NotFound:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return true;
            case EndpointFault.InvalidJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{not json", context.RequestAborted).ConfigureAwait(false);
                return true;
            case EndpointFault.CutMidBody:
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 4096;
                await context.Response.WriteAsync("{\"keys\":[", context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return true;
            case EndpointFault.Stall:
                using (var stall = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, stall.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the authority is stopping.
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonObject document)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(document.ToJsonString(Compact), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject CreatePayload(string issuer, AccessTokenDescriptor descriptor)
    {
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = descriptor.Subject,
            ["aud"] = new JsonArray([.. descriptor.Audiences.Select(static aud => (JsonNode?)aud)]),
            ["client_id"] = descriptor.ClientId,
        };
        if (descriptor.Scopes.Count > 0)
        {
            payload["scope"] = string.Join(' ', descriptor.Scopes);
        }

        payload["jti"] = descriptor.TokenId;
        payload["iat"] = descriptor.IssuedAt.ToUnixTimeSeconds();
        if (descriptor.NotBefore is { } notBefore)
        {
            payload["nbf"] = notBefore.ToUnixTimeSeconds();
        }

        payload["exp"] = descriptor.ExpiresAt.ToUnixTimeSeconds();
        if (descriptor.ConfirmationThumbprint is { } thumbprint)
        {
            payload["cnf"] = new JsonObject { ["jkt"] = thumbprint };
        }

        if (descriptor.Actors is { Count: > 0 } actors)
        {
            JsonObject? inner = null;
            for (var i = actors.Count - 1; i >= 0; i--)
            {
                var actor = new JsonObject { ["sub"] = actors[i].Subject };
                if (actors[i].ClientId is { } clientId)
                {
                    actor["client_id"] = clientId;
                }

                if (inner is not null)
                {
                    actor["act"] = inner;
                }

                inner = actor;
            }

            payload["act"] = inner;
        }

        if (descriptor.AgentId is { } agentId)
        {
            payload["agent_id"] = agentId;
        }

        if (descriptor.AgentChain is { } chain)
        {
            payload["agent_chain"] = new JsonArray([.. chain.Select(static agent => (JsonNode?)agent)]);
        }

        return payload;
    }

    private static void Apply(JsonObject target, IDictionary<string, JsonNode?> overrides)
    {
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
