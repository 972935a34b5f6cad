using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AuthPlane.Sdk.Testing;

// The OAuth endpoints of the test authority: registration, authorization with its consent page, token (authorization
// code, refresh, client credentials, token exchange with upstream consent), the upstream consent page, introspection
// and revocation. This part holds the public knobs and the shared request plumbing.
public sealed partial class TestAuthority
{
    // AuthPlane's cap on form-encoded requests.
    private const int MaxFormBytes = 64 * 1024;

    // How long a consent link (its MAC-protected state) stays usable.
    private static readonly TimeSpan ConsentLinkLifetime = TimeSpan.FromMinutes(30);

    private static readonly string[] SupportedGrantTypes =
        [OAuthParameters.AuthorizationCodeGrant, OAuthParameters.RefreshTokenGrant, OAuthParameters.ClientCredentialsGrant, OAuthParameters.TokenExchangeGrant];

    private readonly ClientRegistry _clients = new();
    private readonly ConsentState _consentState = new();
    private readonly ConcurrentDictionary<string, UpstreamResource> _upstreams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Subject, string Resource), ImmutableHashSet<string>> _consents = new();
    private readonly ConcurrentDictionary<string, UpstreamGrant> _upstreamTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revokedTokenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _resources = new(StringComparer.Ordinal);
    private int _tokenRequestCount;
    private int _introspectionRequestCount;
    private int _revocationRequestCount;

    /// <summary>The authorization endpoint, <c>{issuer}/oauth/authorize</c>, advertised as <c>authorization_endpoint</c>.</summary>
    public Uri AuthorizationEndpoint => new(EndpointUrl("/oauth/authorize"));

    /// <summary>The token endpoint (<c>POST</c>, form-encoded), <c>{issuer}/oauth/token</c>, advertised as <c>token_endpoint</c>.</summary>
    public Uri TokenEndpoint => new(EndpointUrl("/oauth/token"));

    /// <summary>The RFC 7591 registration endpoint, <c>{issuer}/oauth/register</c>, advertised as <c>registration_endpoint</c>.</summary>
    public Uri RegistrationEndpoint => new(EndpointUrl("/oauth/register"));

    /// <summary>The RFC 7662 introspection endpoint, <c>{issuer}/oauth/introspect</c>, advertised as <c>introspection_endpoint</c>.</summary>
    public Uri IntrospectionEndpoint => new(EndpointUrl("/oauth/introspect"));

    /// <summary>The RFC 7009 revocation endpoint, <c>{issuer}/oauth/revoke</c>, advertised as <c>revocation_endpoint</c>.</summary>
    public Uri RevocationEndpoint => new(EndpointUrl("/oauth/revoke"));

    /// <summary>Makes the token endpoint misbehave (counted in <see cref="TokenRequestCount"/> all the same).</summary>
    public EndpointFault TokenFault { get; set; }

    /// <summary>Makes the introspection endpoint misbehave (counted in <see cref="IntrospectionRequestCount"/> all the same).</summary>
    public EndpointFault IntrospectionFault { get; set; }

    /// <summary>How many requests reached the token endpoint (faulted and rejected ones included).</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequestCount);

    /// <summary>How many requests reached the introspection endpoint (faulted and rejected ones included).</summary>
    public int IntrospectionRequestCount => Volatile.Read(ref _introspectionRequestCount);

    /// <summary>How many requests reached the revocation endpoint (rejected ones included).</summary>
    public int RevocationRequestCount => Volatile.Read(ref _revocationRequestCount);

    /// <summary>
    /// The <c>return_url</c> written into consent URLs: where the consent page sends the browser after consent is
    /// granted (only when it is a relative path or a loopback http(s) URL). Null (the default) leaves it out, and the
    /// page then tells the user to return to their client.
    /// </summary>
    public string? ConsentReturnUrl { get; set; }

    /// <summary>
    /// Registers a confidential client for the token, introspection and revocation endpoints, allowed every grant. It
    /// authenticates with HTTP Basic (id and secret form-urlencoded before base64, RFC 6749 §2.3.1) or with
    /// <c>client_id</c> and <c>client_secret</c> in the form body. Registering an id again replaces its secret. (Clients
    /// of the authorization endpoint register themselves at <see cref="RegistrationEndpoint"/>.)
    /// </summary>
    /// <param name="clientId">The client id (any characters, including <c>:</c> and <c>/</c>).</param>
    /// <param name="clientSecret">The client secret.</param>
    public void RegisterClient(string clientId, string clientSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        _clients.Add(new RegisteredClient(
            clientId,
            ClientRegistry.HashSecret(clientSecret),
            "client_secret_basic",
            [],
            SupportedGrantTypes,
            ClientName: null,
            Scope: null,
            _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds()));
    }

    /// <summary>
    /// Registers a resource (an MCP server) users can authorize clients for at <see cref="AuthorizationEndpoint"/>:
    /// its URI is the <c>resource</c> parameter clients must send, byte for byte, and the <c>aud</c> of their tokens;
    /// its scopes join <c>scopes_supported</c>. Registering a resource again replaces its scopes.
    /// </summary>
    /// <param name="resource">The resource URI, e.g. <c>http://localhost:5000/mcp</c> (absolute, no fragment).</param>
    /// <param name="scopes">The scopes clients may request for it.</param>
    public void RegisterResource(string resource, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!OAuthParameters.IsResourceIndicator(resource))
        {
            throw new ArgumentException("A resource must be an absolute URI without a fragment.", nameof(resource));
        }

        _resources[resource] = [.. scopes.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Registers a broker resource the authority vends upstream tokens for through token exchange, for example
    /// <c>RegisterUpstream("https://www.googleapis.com/calendar", "google-calendar", "calendar.read", "calendar.write")</c>.
    /// Its consent page is <c>{issuer}/connect/{displayName}</c>. Registering a resource again replaces it.
    /// </summary>
    /// <remarks>
    /// A token exchange for this resource without the user's consent is answered with AuthPlane's
    /// <c>consent_required</c> problem, whose <c>consent_url</c> opens a small consent page of this authority. The dev
    /// authority has no login: the link carries the user, resource and scopes in a MAC-protected <c>state</c> (valid
    /// 30 minutes), so whoever opens it consents on that user's behalf. A test and development convenience, not a
    /// real authorization flow.
    /// </remarks>
    /// <param name="resource">The RFC 8707 resource indicator clients send as <c>resource</c> (absolute URI, no fragment).</param>
    /// <param name="displayName">The name in the consent message ("Authorize access to …") and in the consent page path.</param>
    /// <param name="scopes">The scopes the upstream offers; a token request for any other scope gets <c>invalid_scope</c>.</param>
    public void RegisterUpstream(string resource, string displayName, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!OAuthParameters.IsResourceIndicator(resource))
        {
            throw new ArgumentException("A broker resource must be an absolute URI without a fragment.", nameof(resource));
        }

        _upstreams[resource] = new UpstreamResource(resource, displayName, scopes.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Records that <paramref name="subject"/> consents to the broker resource <paramref name="resource"/> for
    /// <paramref name="scopes"/> (added to any scopes already consented; none means every scope the upstream offers).
    /// </summary>
    /// <param name="subject">The user's <c>sub</c>.</param>
    /// <param name="resource">A resource registered with <see cref="RegisterUpstream"/>.</param>
    /// <param name="scopes">The consented scopes.</param>
    /// <exception cref="ArgumentException">The resource is not registered.</exception>
    public void GrantConsent(string subject, string resource, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(scopes);
        var upstream = FindUpstream(resource) ?? throw new ArgumentException("The resource is not a registered upstream.", nameof(resource));
        IEnumerable<string> granted = scopes.Length == 0 ? upstream.Scopes : scopes;
        _consents.AddOrUpdate(
            (subject, resource),
            static (_, added) => added.ToImmutableHashSet(StringComparer.Ordinal),
            static (_, existing, added) => existing.Union(added),
            granted);
    }

    /// <summary>Removes every consent of <paramref name="subject"/> for <paramref name="resource"/>; the next exchange gets <c>consent_required</c>.</summary>
    /// <param name="subject">The user's <c>sub</c>.</param>
    /// <param name="resource">The broker resource.</param>
    public void WithdrawConsent(string subject, string resource)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(resource);
        _consents.TryRemove((subject, resource), out _);
    }

    /// <summary>Whether <paramref name="token"/> is an upstream token this authority vended, unrevoked and unexpired.</summary>
    /// <param name="token">The token an upstream API received.</param>
    public bool IsUpstreamToken(string token)
        => LookupUpstreamGrant(token) is { } grant && grant.ExpiresAt > _options.TimeProvider.GetUtcNow();

    /// <summary>What the unrevoked upstream token <paramref name="token"/> was vended for (user, resource, scopes, client, times); null when unknown or revoked.</summary>
    /// <param name="token">The token an upstream API received.</param>
    public UpstreamGrant? LookupUpstreamGrant(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _upstreamTokens.TryGetValue(token, out var grant) ? grant : null;
    }

    /// <summary>
    /// Revokes a token: an upstream token by value; an access token by value or by its <c>jti</c>. A revoked token
    /// introspects as inactive and is refused as a token-exchange subject token.
    /// </summary>
    /// <param name="tokenOrJti">The token, or the <c>jti</c> of an access token.</param>
    public void RevokeToken(string tokenOrJti)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenOrJti);
        if (!RevokeIssuedToken(tokenOrJti))
        {
            _revokedTokenIds[tokenOrJti] = true;
        }
    }

    // Revokes an upstream token or an access token (by its jti) given by value; false when it is neither.
    private bool RevokeIssuedToken(string token)
    {
        if (_upstreamTokens.TryRemove(token, out _))
        {
            return true;
        }

        if (SelfIssuedTokenReader.ReadJtiUnverified(token) is { } jti)
        {
            _revokedTokenIds[jti] = true;
            return true;
        }

        return false;
    }

    // Called from MapRoutes.
    private void MapOAuthRoutes(IEndpointRouteBuilder routes)
    {
        var prefix = PathPrefix;
        routes.MapPost(prefix + "/oauth/register", HandleRegistrationAsync);
        routes.MapGet(prefix + "/oauth/authorize", ShowAuthorizationPageAsync);
        routes.MapPost(prefix + "/oauth/authorize", DecideAuthorizationAsync);
        routes.MapPost(prefix + "/oauth/token", HandleTokenRequestAsync);
        routes.MapPost(prefix + "/oauth/introspect", HandleIntrospectionAsync);
        routes.MapPost(prefix + "/oauth/revoke", HandleRevocationAsync);
        routes.MapGet(prefix + "/connect/{name}", ShowConsentPageAsync);
        routes.MapPost(prefix + "/connect/{name}", AcceptConsentAsync);
    }

    private UpstreamResource? FindUpstream(string? resource)
        => resource is not null && _upstreams.TryGetValue(resource, out var upstream) ? upstream : null;

    private List<TestSigningKey> PublishedKeys()
    {
        lock (_gate)
        {
            return _published;
        }
    }

    // The claims of an access token this authority signed with a published key, unexpired and unrevoked; null otherwise.
    private JsonObject? ReadActiveAccessToken(string token)
    {
        var claims = SelfIssuedTokenReader.ReadVerified(token, PublishedKeys(), Issuer, _options.TimeProvider.GetUtcNow());
        return claims is not null && StringClaim(claims, "jti") is { } jti && !_revokedTokenIds.ContainsKey(jti) ? claims : null;
    }

    private static string? StringClaim(JsonObject claims, string name)
        => claims[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The scopes of every registered resource, for scopes_supported.
    private IEnumerable<string> ScopesSupported()
        => _resources.OrderBy(static pair => pair.Key, StringComparer.Ordinal).SelectMany(static pair => pair.Value).Distinct(StringComparer.Ordinal);

    // Reads a form-encoded, client-authenticated request (RFC 6749 §2.3, §3.2); public clients (client_id only) only
    // where allowPublic says so. Answers the request itself and returns null when the content type, the size, the
    // client credentials or a repeated parameter is wrong.
    private async Task<(IFormCollection Form, RegisteredClient Client)?> ReadClientRequestAsync(HttpContext context, bool allowPublic = false)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(OAuthParameters.FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "The request body must be application/x-www-form-urlencoded").ConfigureAwait(false);
            return null;
        }

        if (request.ContentLength > MaxFormBytes)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "request body too large", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
            return null;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = MaxFormBytes, BufferBodyLengthLimit = MaxFormBytes }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "request body too large or malformed", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return null;
        }

        if (_clients.Authenticate(request, form, allowPublic) is not { } client)
        {
            await OAuthResponses.WriteInvalidClientAsync(context).ConfigureAwait(false);
            return null;
        }

        // Only resource (RFC 8707) and audience (RFC 8693) may repeat; every other parameter at most once (RFC 6749 §3.2).
        if (form.Any(static field => field.Value.Count > 1 && field.Key is not ("resource" or "audience")))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "A request parameter is repeated").ConfigureAwait(false);
            return null;
        }

        return (form, client);
    }
}
