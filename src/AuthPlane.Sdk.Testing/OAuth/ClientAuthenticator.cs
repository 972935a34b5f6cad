using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing.OAuth;

// Authenticates confidential clients with client_secret_basic (RFC 6749 §2.3.1: id and secret are
// application/x-www-form-urlencoded before base64) or client_secret_post; exactly one method per request.
internal sealed class ClientAuthenticator
{
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);

    public void Register(string clientId, string clientSecret) => _secrets[clientId] = Encoding.UTF8.GetBytes(clientSecret);

    // The authenticated client id, or null when the credentials are missing, malformed, unknown or wrong.
    public string? Authenticate(HttpRequest request, IFormCollection form)
    {
        var hasBasic = AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase);
        if (!hasBasic)
        {
            return ParsePost(form) is { } posted && IsValid(posted.ClientId, posted.Secret) ? posted.ClientId : null;
        }

        // A client must not use two methods (a secret in the body as well); a body client_id must name the same client.
        if (ParseBasic(header!.Parameter) is not { } basic
            || form.ContainsKey("client_secret")
            || (form.TryGetValue("client_id", out var bodyId) && !string.Equals(bodyId.ToString(), basic.ClientId, StringComparison.Ordinal)))
        {
            return null;
        }

        return IsValid(basic.ClientId, basic.Secret) ? basic.ClientId : null;
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

    private bool IsValid(string clientId, string secret)
        => _secrets.TryGetValue(clientId, out var expected)
            && CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(secret));
}
