using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuthPlane.Sdk.Testing.OAuth;

// The state a consent URL carries so the login-less dev consent page knows whom to grant what: the user, the
// broker resource and the scopes, with an expiry, MAC-protected (HMAC-SHA256, a per-authority random key) so a
// link cannot be edited into a grant for another user or more scopes. A dev convenience, not an authorization flow.
internal sealed class ConsentState
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Protect(string subject, string resource, IReadOnlyCollection<string> scopes, DateTimeOffset expiresAt)
    {
        var document = new JsonObject
        {
            ["sub"] = subject,
            ["resource"] = resource,
            ["scope"] = string.Join(' ', scopes),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
        };
        var body = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return body + "." + Base64Url.EncodeToString(Mac(body));
    }

    // The (subject, resource, scopes) of an authentic, unexpired state; null otherwise.
    public (string Subject, string Resource, List<string> Scopes)? Unprotect(string? state, DateTimeOffset now)
    {
        var dot = state?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0)
        {
            return null;
        }

        var body = state![..dot];
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(body), Base64Url.DecodeFromChars(state.AsSpan(dot + 1)))
                || JsonNode.Parse(Base64Url.DecodeFromChars(body)) is not JsonObject document
                || document["exp"]?.GetValue<long>() is not { } exp || exp <= now.ToUnixTimeSeconds())
            {
                return null;
            }

            return (document["sub"]!.GetValue<string>(), document["resource"]!.GetValue<string>(), OAuthParameters.SplitScopes(document["scope"]!.GetValue<string>()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body));
}
