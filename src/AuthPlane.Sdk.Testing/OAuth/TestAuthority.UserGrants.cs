using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// The user grants of the token endpoint: authorization_code (PKCE S256, redirect_uri and resource checks, single use,
// a 10-minute life) and refresh_token (rotation, reuse detection that revokes the family). Errors carry AuthPlane's
// descriptions. User access tokens live 15 minutes: sub = the consenting user, client_id = the client, aud = [resource].
public sealed partial class TestAuthority
{
    private const string InvalidGrantDescription = "the authorization grant is invalid, expired, or revoked";

    private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshTokenEntry> _refreshTokens = new(StringComparer.Ordinal);

    private Task RedeemAuthorizationCodeAsync(HttpContext context, IFormCollection form, RegisteredClient client, string? jkt)
    {
        var codeValue = form["code"].ToString();
        if (codeValue.Length == 0)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "code is required");
        }

        if (!_codes.TryGetValue(codeValue, out var code))
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, InvalidGrantDescription);
        }

        var request = code.Request;
        if (request.Client.ClientId != client.ClientId)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "authorization code was not issued to this client");
        }

        // Any redemption attempt by the right client uses the code up, so a stolen code cannot be retried.
        if (!code.TryRedeem())
        {
            RevokeFamily(code.Family);
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "authorization code has already been used");
        }

        if (_options.TimeProvider.GetUtcNow() >= code.ExpiresAt)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "authorization code has expired");
        }

        if (form["redirect_uri"].ToString() != request.RedirectUri)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "redirect_uri does not match the authorization request");
        }

        if (!PkceMatches(form["code_verifier"].ToString(), request.CodeChallenge))
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "PKCE verification failed");
        }

        if (form.TryGetValue("resource", out var resource) && resource.ToString() != request.Resource)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidTarget, "resource does not match the authorization request");
        }

        if (request.DPoPJkt is not null && request.DPoPJkt != jkt)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidDPoPProof, "DPoP proof key does not match dpop_jkt");
        }

        var family = new RefreshFamily(client.ClientId, code.Subject, request.Resource, code.Scopes, client.IsPublic ? jkt : null);
        code.Family = family;
        return WriteUserTokensAsync(context, client, family, family.Scopes, jkt);
    }

    private Task RefreshAsync(HttpContext context, IFormCollection form, RegisteredClient client, string? jkt)
    {
        var token = form["refresh_token"].ToString();
        if (token.Length == 0)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidRequest, "refresh_token is required");
        }

        if (!_refreshTokens.TryGetValue(token, out var entry) || entry.Family.ClientId != client.ClientId)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, InvalidGrantDescription);
        }

        var family = entry.Family;
        if (family.IsRevoked)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "token family revoked due to reuse detection");
        }

        if (!entry.TryUse())
        {
            RevokeFamily(family);
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, "refresh token has already been used");
        }

        if (_options.TimeProvider.GetUtcNow() >= entry.ExpiresAt)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidGrant, InvalidGrantDescription);
        }

        if (form.TryGetValue("resource", out var resource) && resource.ToString() != family.Resource)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidTarget, "resource does not match the authorization request");
        }

        var scopes = OAuthParameters.SplitScopes(form["scope"]);
        if (scopes.Count == 0)
        {
            scopes.AddRange(family.Scopes);
        }
        else if (!scopes.TrueForAll(scope => family.Scopes.Contains(scope, StringComparer.Ordinal)))
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidScope, "the requested scope is invalid or not allowed");
        }

        if (family.Jkt is not null && family.Jkt != jkt)
        {
            return OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidDPoPProof, "DPoP proof key does not match the refresh token's binding");
        }

        return WriteUserTokensAsync(context, client, family, scopes, jkt);
    }

    // Revokes a refresh token by value (RFC 7009) for the client it was issued to: its whole family.
    private bool RevokeRefreshToken(string token, string clientId)
    {
        if (!_refreshTokens.TryGetValue(token, out var entry))
        {
            return false;
        }

        if (entry.Family.ClientId == clientId)
        {
            RevokeFamily(entry.Family);
        }

        return true;
    }

    private void RevokeFamily(RefreshFamily? family)
    {
        foreach (var jti in family?.Revoke() ?? [])
        {
            _revokedTokenIds[jti] = true;
        }
    }

    private Task WriteUserTokensAsync(HttpContext context, RegisteredClient client, RefreshFamily family, IReadOnlyList<string> scopes, string? jkt)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var jti = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var accessToken = MintAccessToken(family.Resource, descriptor =>
        {
            descriptor.Subject = family.Subject;
            descriptor.ClientId = client.ClientId;
            descriptor.Scopes = [.. scopes];
            descriptor.TokenId = jti;
            descriptor.ExpiresAt = now + _options.UserTokenLifetime;
            descriptor.ConfirmationThumbprint = jkt;
        });
        family.AddAccessToken(jti);

        var response = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = jkt is null ? "Bearer" : "DPoP",
            ["expires_in"] = (long)_options.UserTokenLifetime.TotalSeconds,
        };
        if (client.AllowsGrant(OAuthParameters.RefreshTokenGrant))
        {
            var refreshToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            _refreshTokens[refreshToken] = new RefreshTokenEntry(family, now + _options.RefreshTokenLifetime);
            response["refresh_token"] = refreshToken;
        }

        AddScope(response, [.. scopes]);
        return OAuthResponses.WriteJsonAsync(context, response);
    }

    // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge, for a verifier of 43 to 128 unreserved characters.
    private static bool PkceMatches(string verifier, string challenge)
    {
        if (verifier.Length is < 43 or > 128 || !verifier.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
