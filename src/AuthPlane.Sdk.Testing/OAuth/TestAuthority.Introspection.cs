using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// RFC 7662 introspection for confidential clients and RFC 7009 revocation for any registered client.
public sealed partial class TestAuthority
{
    // The claims an active introspection response copies from an access token (RFC 7662 §2.2, RFC 9449 §6.2 cnf).
    private static readonly string[] IntrospectedClaims = ["scope", "client_id", "sub", "aud", "iss", "exp", "iat", "nbf", "jti", "cnf"];

    private async Task HandleIntrospectionAsync(HttpContext context)
    {
        Interlocked.Increment(ref _introspectionRequestCount);
        if (await ApplyFaultAsync(context, IntrospectionFault).ConfigureAwait(false)
            || await ReadClientRequestAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var token = request.Form["token"].ToString();
        if (token.Length == 0)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "token is required").ConfigureAwait(false);
            return;
        }

        await OAuthResponses.WriteJsonAsync(context, Introspect(token)).ConfigureAwait(false);
    }

    private JsonObject Introspect(string token)
    {
        if (_upstreamTokens.TryGetValue(token, out var grant) && grant.ExpiresAt > _options.TimeProvider.GetUtcNow())
        {
            return new JsonObject
            {
                ["active"] = true,
                ["scope"] = string.Join(' ', grant.Scopes),
                ["client_id"] = grant.ClientId,
                ["sub"] = grant.Subject,
                ["aud"] = grant.Resource,
                ["iss"] = Issuer,
                ["exp"] = grant.ExpiresAt.ToUnixTimeSeconds(),
                ["iat"] = grant.IssuedAt.ToUnixTimeSeconds(),
                ["token_type"] = "Bearer",
            };
        }

        if (ReadActiveAccessToken(token) is not { } claims)
        {
            return new JsonObject { ["active"] = false };
        }

        var response = new JsonObject { ["active"] = true };
        foreach (var name in IntrospectedClaims)
        {
            if (claims[name] is { } value)
            {
                response[name] = value.DeepClone();
            }
        }

        response["token_type"] = claims["cnf"] is JsonObject ? "DPoP" : "Bearer";
        return response;
    }

    // RFC 7009 §2.2: 200 for every well-formed request, whether or not the token was known.
    private async Task HandleRevocationAsync(HttpContext context)
    {
        Interlocked.Increment(ref _revocationRequestCount);
        if (await ReadClientRequestAsync(context, allowPublic: true).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var token = request.Form["token"].ToString();
        if (token.Length == 0)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "token is required").ConfigureAwait(false);
            return;
        }

        if (!_upstreamTokens.TryRemove(token, out _) && !RevokeRefreshToken(token, request.Client.ClientId)
            && ReadActiveAccessToken(token) is { } claims && StringClaim(claims, "jti") is { } jti)
        {
            _revokedTokenIds[jti] = true;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
    }
}
