using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthPlane.Sdk.Testing;

// The authorization endpoint (RFC 6749 §4.1, PKCE S256 required, RFC 8707 resource, RFC 9449 dpop_jkt) and its
// login-less consent page: GET validates the request and shows the page, POST records the user's decision and sends
// the browser back to the client with code, state and iss (RFC 9207), or error=access_denied. An unknown client or
// redirect_uri gets an error page and never a redirect. The form is bound to the browser by a session cookie and a
// CSRF token (an HMAC of the pending request and that cookie), so another site cannot submit it for the user.
public sealed partial class TestAuthority
{
    private const string SessionCookie = "authplane_dev_session";
    private static readonly TimeSpan PendingAuthorizationLifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _csrfKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Subject, string ClientId, string Resource), ImmutableHashSet<string>> _userConsents = new();

    private async Task ShowAuthorizationPageAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.Any(static parameter => parameter.Value.Count > 1))
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Invalid authorization request", "A request parameter is repeated.")).ConfigureAwait(false);
            return;
        }

        var client = _clients.Find(query["client_id"]);
        if (client is null || client.RedirectUris.Count == 0)
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Unknown client", "The client_id is not registered with this authority. Register the client first (RFC 7591).")).ConfigureAwait(false);
            return;
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!RedirectUris.Matches(client.RedirectUris, redirectUri))
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Invalid redirect_uri", "The redirect_uri is not registered for this client.")).ConfigureAwait(false);
            return;
        }

        // From here on, errors go back to the client (RFC 6749 §4.1.2.1).
        var state = query.TryGetValue("state", out var stateValue) ? stateValue.ToString() : null;
        if (ValidateAuthorizationRequest(query) is { } error)
        {
            RedirectToClient(context, redirectUri, [("error", error.Code), ("error_description", error.Description), ("state", state)]);
            return;
        }

        var resource = query.TryGetValue("resource", out var resourceValue) ? resourceValue.ToString() : Issuer;
        var scopes = OAuthParameters.SplitScopes(query["scope"]);
        if (scopes.Count == 0)
        {
            scopes.AddRange(_resources.TryGetValue(resource, out var all) ? all : ScopesSupported());
        }

        var session = context.Request.Cookies[SessionCookie] is { Length: 43 } existing ? existing : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(SessionCookie, session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = PathPrefix + "/oauth/authorize" });

        var pending = new PendingAuthorization(
            client,
            redirectUri,
            state,
            query["code_challenge"].ToString(),
            resource,
            scopes,
            query.TryGetValue("dpop_jkt", out var jkt) ? jkt.ToString() : null,
            session,
            _options.TimeProvider.GetUtcNow() + PendingAuthorizationLifetime);
        var requestId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        ForgetExpiredAuthorizations();
        _pending[requestId] = pending;

        var user = _options.Users[0];
        var granted = _userConsents.TryGetValue((user, client.ClientId, resource), out var consented) ? consented : [];
        var page = new ConsentPageHtml.AuthorizationPage(
            client.DisplayName,
            client.ClientId,
            new Uri(redirectUri).GetLeftPart(UriPartial.Authority),
            resource,
            [.. scopes.Where(granted.Contains)],
            [.. scopes.Where(scope => !granted.Contains(scope))],
            _options.Users,
            requestId,
            CsrfToken(requestId, session));
        await WriteHtmlAsync(context, StatusCodes.Status200OK, ConsentPageHtml.Authorization(page)).ConfigureAwait(false);
    }

    private async Task DecideAuthorizationAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Invalid request", "The consent form was not submitted.")).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var requestId = form["request"].ToString();
        var session = context.Request.Cookies[SessionCookie];
        if (!_pending.TryGetValue(requestId, out var pending)
            || session is null
            || pending.Session != session
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(form["csrf"].ToString()), Encoding.ASCII.GetBytes(CsrfToken(requestId, session)))
            || !_pending.TryRemove(requestId, out _))
        {
            await WriteHtmlAsync(context, StatusCodes.Status403Forbidden, ConsentPageHtml.Message("Invalid consent request", "This consent form is invalid, was already used, or was opened in another browser. Start the authorization again from your client.")).ConfigureAwait(false);
            return;
        }

        if (_options.TimeProvider.GetUtcNow() >= pending.ExpiresAt)
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Consent request expired", "Start the authorization again from your client.")).ConfigureAwait(false);
            return;
        }

        if (form["decision"] != "allow")
        {
            RedirectToClient(context, pending.RedirectUri, [("error", OAuthParameters.AccessDenied), ("error_description", "the user denied the request"), ("state", pending.State)]);
            return;
        }

        var user = form["user"].Count == 0 ? _options.Users[0] : form["user"].ToString();
        if (!_options.Users.Contains(user, StringComparer.Ordinal))
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, ConsentPageHtml.Message("Unknown user", "Pick one of the users the page offers.")).ConfigureAwait(false);
            return;
        }

        // Scopes the user consented to before stay granted; of the new ones, those left ticked.
        var key = (user, pending.Client.ClientId, pending.Resource);
        var before = _userConsents.TryGetValue(key, out var consented) ? consented : [];
        var ticked = form["scope"].Select(static value => value ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        List<string> granted = [.. pending.RequestedScopes.Where(scope => before.Contains(scope) || ticked.Contains(scope))];
        _userConsents[key] = before.Union(granted);

        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new AuthorizationCode(pending, user, granted, _options.TimeProvider.GetUtcNow() + _options.AuthorizationCodeLifetime);
        RedirectToClient(context, pending.RedirectUri, [("code", code), ("state", pending.State)]);
    }

    // The RFC 6749 §4.1.2.1 error a request with a valid client and redirect_uri deserves; null when it is acceptable.
    private (string Code, string Description)? ValidateAuthorizationRequest(IQueryCollection query)
    {
        if (query["response_type"] != "code")
        {
            return ("unsupported_response_type", "response_type must be code");
        }

        if (query["code_challenge"].ToString() is not { Length: >= 43 and <= 128 } challenge || !challenge.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (OAuthParameters.InvalidRequest, "code_challenge is required (PKCE)");
        }

        if (query["code_challenge_method"] != "S256")
        {
            return (OAuthParameters.InvalidRequest, "code_challenge_method must be S256");
        }

        var resource = query.TryGetValue("resource", out var resourceValue) ? resourceValue.ToString() : null;
        if (resource is not null && !_resources.ContainsKey(resource))
        {
            return (OAuthParameters.InvalidTarget, "unknown resource \"" + resource + "\"");
        }

        IEnumerable<string> offered = resource is not null ? _resources[resource] : ScopesSupported();
        if (OAuthParameters.SplitScopes(query["scope"]).Find(scope => !offered.Contains(scope, StringComparer.Ordinal)) is { } unknown)
        {
            return (OAuthParameters.InvalidScope, "the requested scope is invalid or not allowed: unknown scope \"" + unknown + "\"");
        }

        if (query.TryGetValue("dpop_jkt", out var jkt) && jkt.ToString() is not { Length: 43 })
        {
            return (OAuthParameters.InvalidRequest, "dpop_jkt must be a base64url SHA-256 JWK thumbprint");
        }

        return null;
    }

    // 303 to the client's redirect_uri with the parameters (null values left out) and this authority's iss (RFC 9207).
    private void RedirectToClient(HttpContext context, string redirectUri, (string Name, string? Value)[] parameters)
    {
        var query = parameters.Where(static p => p.Value is not null).Select(static p => KeyValuePair.Create(p.Name, p.Value)).Append(KeyValuePair.Create("iss", (string?)Issuer));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, query);
    }

    // Abandoned consent pages and unredeemed codes are dropped once they can no longer be used.
    private void ForgetExpiredAuthorizations()
    {
        var now = _options.TimeProvider.GetUtcNow();
        foreach (var (id, pending) in _pending)
        {
            if (pending.ExpiresAt <= now)
            {
                _pending.TryRemove(id, out _);
            }
        }

        foreach (var (code, issued) in _codes)
        {
            // Kept an hour past expiry, so a late redemption still hears that the code expired.
            if (issued.ExpiresAt + TimeSpan.FromHours(1) <= now && issued.Family is null)
            {
                _codes.TryRemove(code, out _);
            }
        }
    }

    private string CsrfToken(string requestId, string session)
        => Base64Url.EncodeToString(HMACSHA256.HashData(_csrfKey, Encoding.UTF8.GetBytes(requestId + "|" + session)));
}
