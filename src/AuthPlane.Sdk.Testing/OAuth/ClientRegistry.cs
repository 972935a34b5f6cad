using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing.OAuth;

// The authority's clients and their authentication at the token, introspection and revocation endpoints:
// client_secret_basic (RFC 6749 §2.3.1: id and secret are application/x-www-form-urlencoded before base64) or
// client_secret_post for confidential clients, exactly one method per request; a bare client_id for public clients.
internal sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredClient> _clients = new(StringComparer.Ordinal);

    public IReadOnlyList<RegisteredClient> Dynamic => [.. _clients.Values.Where(static client => client.RedirectUris.Count > 0).OrderBy(static client => client.IssuedAt)];

    public void Add(RegisteredClient client) => _clients[client.ClientId] = client;

    public RegisteredClient? Find(string? clientId)
        => clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    // The authenticated client, or null when the credentials are missing, malformed, unknown or wrong. A public
    // client authenticates with its client_id alone, and only where allowPublic says so.
    public RegisteredClient? Authenticate(HttpRequest request, IFormCollection form, bool allowPublic)
    {
        var hasBasic = AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase);
        if (!hasBasic)
        {
            if (!form.ContainsKey("client_secret"))
            {
                return allowPublic && form["client_id"] is { Count: 1 } publicId && Find(publicId.ToString()) is { IsPublic: true } publicClient ? publicClient : null;
            }

            return ParsePost(form) is { } posted ? Verify(posted.ClientId, posted.Secret) : null;
        }

        // A client must not use two methods (a secret in the body as well); a body client_id must name the same client.
        if (ParseBasic(header!.Parameter) is not { } basic
            || form.ContainsKey("client_secret")
            || (form.TryGetValue("client_id", out var bodyId) && !string.Equals(bodyId.ToString(), basic.ClientId, StringComparison.Ordinal)))
        {
            return null;
        }

        return Verify(basic.ClientId, basic.Secret);
    }

    private static (string ClientId, string Secret)? ParseBasic(string? parameter)
    {
        if (string.IsNullOrEmpty(parameter))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
    }

    private static (string ClientId, string Secret)? ParsePost(IFormCollection form)
    {
        var clientId = form["client_id"];
        var secret = form["client_secret"];
        return clientId.Count == 1 && secret.Count == 1 ? (clientId.ToString(), secret.ToString()) : null;
    }

    private RegisteredClient? Verify(string clientId, string secret)
        => Find(clientId) is { SecretHash: { } expected } client && CryptographicOperations.FixedTimeEquals(expected, HashSecret(secret)) ? client : null;
}
