using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing.OAuth;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing;

// RFC 7591 dynamic client registration, open to anyone as AuthPlane's default dcr mode: public clients
// (token_endpoint_auth_method none) and confidential ones, redirect URIs https or http on a loopback host, errors in
// AuthPlane's problem+json envelope, a 1 MB body cap. With a state directory, registrations survive a restart.
public sealed partial class TestAuthority
{
    private const int MaxRegistrationBytes = 1024 * 1024;
    private static readonly string[] RegistrableAuthMethods = [RegisteredClient.PublicMethod, "client_secret_basic", "client_secret_post"];

    private async Task HandleRegistrationAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxRegistrationBytes)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidClientMetadata, "request body too large", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, MaxRegistrationBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidClientMetadata, "request body too large", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
            return;
        }

        RegistrationRequest registration;
        try
        {
            registration = JsonNode.Parse(body) is JsonObject metadata
                ? ReadRegistration(metadata)
                : RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "the request body must be a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            registration = RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "the request body must be a JSON object");
        }

        if (registration.Error is { } error)
        {
            await OAuthResponses.WriteErrorAsync(context, error.Code, error.Description).ConfigureAwait(false);
            return;
        }

        var secret = registration.AuthMethod == RegisteredClient.PublicMethod ? null : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var client = new RegisteredClient(
            "dcr-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            secret is null ? null : ClientRegistry.HashSecret(secret),
            registration.AuthMethod,
            registration.RedirectUris,
            registration.GrantTypes,
            registration.ClientName,
            registration.Scope,
            _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        _clients.Add(client);
        _stateStore?.SaveClients(_clients.Dynamic);

        var response = new JsonObject
        {
            ["client_id"] = client.ClientId,
            ["client_id_issued_at"] = client.IssuedAt,
        };
        if (secret is not null)
        {
            response["client_secret"] = secret;
            response["client_secret_expires_at"] = 0;
        }

        response["client_name"] = client.ClientName;
        response["redirect_uris"] = Strings(client.RedirectUris);
        response["grant_types"] = Strings(client.GrantTypes);
        response["response_types"] = new JsonArray("code");
        response["token_endpoint_auth_method"] = client.AuthMethod;
        if (client.Scope is not null)
        {
            response["scope"] = client.Scope;
        }

        await OAuthResponses.WriteJsonAsync(context, response, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    // The registration a metadata document asks for, or the RFC 7591 §3.2.2 error it deserves.
    private static RegistrationRequest ReadRegistration(JsonObject metadata)
    {
        if (metadata["redirect_uris"] is not JsonArray { Count: > 0 } redirects || ReadStrings(redirects) is not { } redirectUris)
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidRedirectUri, "redirect_uris must be a non-empty array of URIs");
        }

        if (redirectUris.FirstOrDefault(uri => !RedirectUris.IsAllowed(uri)) is { } rejected)
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidRedirectUri, "redirect_uri must use https, or http on a loopback host: " + rejected);
        }

        var authMethod = OptionalString(metadata, "token_endpoint_auth_method", "client_secret_basic");
        if (authMethod is null || !RegistrableAuthMethods.Contains(authMethod, StringComparer.Ordinal))
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "token_endpoint_auth_method must be none, client_secret_basic or client_secret_post");
        }

        List<string>? grantTypes = metadata["grant_types"] is null ? [OAuthParameters.AuthorizationCodeGrant] : metadata["grant_types"] is JsonArray grants ? ReadStrings(grants) : null;
        string[] allowedGrants = authMethod == RegisteredClient.PublicMethod
            ? [OAuthParameters.AuthorizationCodeGrant, OAuthParameters.RefreshTokenGrant]
            : [OAuthParameters.AuthorizationCodeGrant, OAuthParameters.RefreshTokenGrant, OAuthParameters.ClientCredentialsGrant];
        if (grantTypes is null || grantTypes.Count == 0 || !grantTypes.TrueForAll(grant => allowedGrants.Contains(grant, StringComparer.Ordinal)))
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "grant_types must be drawn from " + string.Join(", ", allowedGrants) + " for this token_endpoint_auth_method");
        }

        List<string>? responseTypes = metadata["response_types"] is null ? ["code"] : metadata["response_types"] is JsonArray responses ? ReadStrings(responses) : null;
        if (responseTypes is null || responseTypes.Exists(static type => type != "code"))
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "response_types must be [\"code\"]");
        }

        var clientName = OptionalString(metadata, "client_name", null);
        var scope = OptionalString(metadata, "scope", null);
        if ((metadata["client_name"] is not null && clientName is null) || (metadata["scope"] is not null && scope is null))
        {
            return RegistrationRequest.Fail(OAuthParameters.InvalidClientMetadata, "client_name and scope must be strings");
        }

        return new RegistrationRequest(redirectUris.Distinct(StringComparer.Ordinal).ToList(), authMethod, grantTypes.Distinct(StringComparer.Ordinal).ToList(), clientName, scope, null);
    }

    private static List<string>? ReadStrings(JsonArray array)
    {
        var values = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
            {
                return null;
            }

            values.Add(text);
        }

        return values;
    }

    // The member's string value, the fallback when the member is absent, null when it is present but not a string.
    private static string? OptionalString(JsonObject json, string name, string? fallback)
        => !json.TryGetPropertyValue(name, out var node) || node is null ? fallback
            : node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The request body when it is at most limit bytes; null when longer.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record RegistrationRequest(
        List<string> RedirectUris,
        string AuthMethod,
        List<string> GrantTypes,
        string? ClientName,
        string? Scope,
        (string Code, string Description)? Error)
    {
        public static RegistrationRequest Fail(string code, string description) => new([], string.Empty, [], null, null, (code, description));
    }
}
