using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// The token endpoint: dispatch by grant, client credentials (RFC 6749 §4.4) and token exchange (RFC 8693) for broker
// resources, answering a missing consent with AuthPlane's problem+json consent_required body (with consent_url and
// cause, as the AuthPlane authorization server sends it). The user
// grants (authorization code, refresh token) live in TestAuthority.UserGrants.cs.
public sealed partial class TestAuthority
{
    private async Task HandleTokenRequestAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequestCount);
        if (await ApplyFaultAsync(context, TokenFault).ConfigureAwait(false)
            || await ReadClientRequestAsync(context, allowPublic: true).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var grantType = request.Form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "grant_type is required").ConfigureAwait(false);
            return;
        }

        if (!SupportedGrantTypes.Contains(grantType, StringComparer.Ordinal))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.UnsupportedGrantType, $"grant_type \"{grantType}\" is not supported").ConfigureAwait(false);
            return;
        }

        var client = request.Client;
        if (client.IsPublic && grantType is OAuthParameters.ClientCredentialsGrant or OAuthParameters.TokenExchangeGrant)
        {
            await OAuthResponses.WriteInvalidClientAsync(context).ConfigureAwait(false);
            return;
        }

        if (!client.AllowsGrant(grantType))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.UnauthorizedClient, "client is not authorized for this grant type").ConfigureAwait(false);
            return;
        }

        // A DPoP proof binds the issued token to the proof's key (RFC 9449 §5); token exchange vends opaque upstream tokens.
        string? jkt = null;
        if (grantType != OAuthParameters.TokenExchangeGrant && context.Request.Headers.ContainsKey(TokenEndpointDPoP.HeaderName))
        {
            if (await _tokenEndpointDPoP.ValidateAsync(context, TokenEndpoint).ConfigureAwait(false) is not { } thumbprint)
            {
                return;
            }

            jkt = thumbprint;
        }

        var answer = grantType switch
        {
            OAuthParameters.ClientCredentialsGrant => IssueClientCredentialsTokenAsync(context, request.Form, client.ClientId, jkt),
            OAuthParameters.TokenExchangeGrant => ExchangeTokenAsync(context, request.Form, client.ClientId),
            OAuthParameters.AuthorizationCodeGrant => RedeemAuthorizationCodeAsync(context, request.Form, client, jkt),
            _ => RefreshAsync(context, request.Form, client, jkt),
        };
        await answer.ConfigureAwait(false);
    }

    // An access token for the client itself (sub = client_id), for the requested resources or, with none, the issuer.
    private Task IssueClientCredentialsTokenAsync(HttpContext context, IFormCollection form, string clientId, string? jkt)
    {
        var resources = form["resource"].Select(static value => value ?? string.Empty).ToList();
        if (resources.Any(static resource => !OAuthParameters.IsResourceIndicator(resource)))
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidTarget, "resource must be an absolute URI without a fragment");
        }

        if (resources.Count == 0)
        {
            resources.Add(Issuer);
        }

        var scopes = OAuthParameters.SplitScopes(form["scope"]);
        var token = MintAccessToken(resources[0], descriptor =>
        {
            descriptor.Subject = clientId;
            descriptor.ClientId = clientId;
            descriptor.Audiences = resources;
            descriptor.Scopes = scopes;
            descriptor.ConfirmationThumbprint = jkt;
        });
        var response = new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = jkt is null ? "Bearer" : "DPoP",
            ["expires_in"] = (long)_options.TokenLifetime.TotalSeconds,
        };
        AddScope(response, scopes);
        return OAuthResponses.WriteJsonAsync(context, response);
    }

    // RFC 8693: the caller's access token (verified with this authority's own keys) for an upstream token of a
    // registered broker resource, provided the user consented to the resource and the requested scopes.
    private Task ExchangeTokenAsync(HttpContext context, IFormCollection form, string clientId)
    {
        var subjectToken = form["subject_token"].ToString();
        var resources = form["resource"];
        if (subjectToken.Length == 0 || resources.Count == 0)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "subject_token, subject_token_type and resource are required");
        }

        if (form["subject_token_type"] != OAuthParameters.AccessTokenType)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "subject_token_type must be " + OAuthParameters.AccessTokenType);
        }

        // RFC 8693 §2.2.2 names invalid_request here; the authority answers invalid_grant, which the AuthPlane SDK
        // conformance catalog treats as the subject-token failure, so clients can tell it from a malformed request.
        if (ReadActiveAccessToken(subjectToken) is not { } claims || StringClaim(claims, "sub") is not { } subject)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "subject_token is invalid, expired or revoked");
        }

        if (resources.Count > 1 || FindUpstream(resources.ToString()) is not { } upstream)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidTarget, "resource is not a broker resource of this authority");
        }

        var scopes = OAuthParameters.SplitScopes(form["scope"]);
        if (scopes.Count == 0)
        {
            scopes.AddRange(upstream.Scopes.Order(StringComparer.Ordinal));
        }
        else if (!scopes.TrueForAll(upstream.Scopes.Contains))
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidScope, "A requested scope is not offered by the resource");
        }

        if (!_consents.TryGetValue((subject, upstream.Resource), out var consented))
        {
            return WriteConsentRequiredAsync(context, upstream, subject, scopes, OAuthParameters.CauseConsentMissing, $"The user has not authorized {upstream.DisplayName}.");
        }

        if (!scopes.TrueForAll(consented.Contains))
        {
            return WriteConsentRequiredAsync(context, upstream, subject, scopes, OAuthParameters.CauseScopeInsufficient, $"The user's authorization of {upstream.DisplayName} does not cover the requested scopes.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _upstreamTokens[token] = new UpstreamGrant(subject, upstream.Resource, scopes, clientId, now, now + _options.TokenLifetime);
        var response = new JsonObject
        {
            ["access_token"] = token,
            ["issued_token_type"] = OAuthParameters.AccessTokenType,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)_options.TokenLifetime.TotalSeconds,
        };
        AddScope(response, scopes);
        return OAuthResponses.WriteJsonAsync(context, response);
    }

    // AuthPlane's consent error, members in the order the AuthPlane authorization server writes them; the consent URL
    // opens this authority's consent page.
    private Task WriteConsentRequiredAsync(HttpContext context, UpstreamResource upstream, string subject, List<string> scopes, string cause, string detail)
    {
        var message = "Authorize access to " + upstream.DisplayName;
        var problem = new JsonObject
        {
            ["error"] = OAuthParameters.ConsentRequired,
            ["error_description"] = message,
            ["type"] = "about:blank",
            ["title"] = "Bad Request",
            ["detail"] = detail,
            ["status"] = StatusCodes.Status400BadRequest,
            ["consent_url"] = ConsentUrl(upstream, subject, scopes),
            ["cause"] = cause,
        };
        return OAuthResponses.WriteJsonAsync(context, problem, StatusCodes.Status400BadRequest, "application/problem+json");
    }

    private string ConsentUrl(UpstreamResource upstream, string subject, List<string> scopes)
    {
        var state = _consentState.Protect(subject, upstream.Resource, scopes, _options.TimeProvider.GetUtcNow() + ConsentLinkLifetime);
        var url = EndpointUrl("/connect/" + Uri.EscapeDataString(upstream.DisplayName)) + "?resource=" + Uri.EscapeDataString(upstream.Resource);
        if (ConsentReturnUrl is { } returnUrl)
        {
            url += "&return_url=" + Uri.EscapeDataString(returnUrl);
        }

        return url + "&state=" + Uri.EscapeDataString(state);
    }

    private static void AddScope(JsonObject response, List<string> scopes)
    {
        if (scopes.Count > 0)
        {
            response["scope"] = string.Join(' ', scopes);
        }
    }
}
