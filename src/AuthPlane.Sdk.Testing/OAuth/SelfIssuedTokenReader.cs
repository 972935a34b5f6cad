using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuthPlane.Sdk.Testing.OAuth;

// Reads back an access token this authority signed: the key comes only from the authority's own published keys
// (looked up by kid and alg), never from the token, so this small reader needs none of a general JWT library's
// key-resolution machinery. Used by token exchange (subject_token) and introspection.
internal static class SelfIssuedTokenReader
{
    private const int MaxTokenLength = 16 * 1024;

    // The verified claims of a token whose signature, typ, iss, exp and nbf check out at now; null otherwise.
    public static JsonObject? ReadVerified(string token, IReadOnlyList<TestSigningKey> keys, string issuer, DateTimeOffset now)
    {
        if (token.Length > MaxTokenLength || Split(token) is not { } parts
            || Decode(parts.Header) is not { } header || Decode(parts.Payload) is not { } payload)
        {
            return null;
        }

        if (StringMember(header, "typ") != "at+jwt" || StringMember(header, "kid") is not { } kid || StringMember(header, "alg") is not { } alg)
        {
            return null;
        }

        var key = keys.FirstOrDefault(candidate => candidate.KeyId == kid && candidate.Algorithm == alg);
        if (key is null || !Verify(key, Encoding.ASCII.GetBytes(token[..parts.SignatureStart]), parts.Signature))
        {
            return null;
        }

        var seconds = now.ToUnixTimeSeconds();
        return StringMember(payload, "iss") == issuer
            && NumberMember(payload, "exp") is { } exp && exp > seconds
            && (!payload.ContainsKey("nbf") || NumberMember(payload, "nbf") is { } nbf && nbf <= seconds)
                ? payload
                : null;
    }

    // The jti of a compact JWS without checking anything else (to revoke a token by value); null when unreadable.
    public static string? ReadJtiUnverified(string token)
        => token.Length <= MaxTokenLength && Split(token) is { } parts && Decode(parts.Payload) is { } payload ? StringMember(payload, "jti") : null;

    private static (string Header, string Payload, string Signature, int SignatureStart)? Split(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        return (token[..first], token[(first + 1)..second], token[(second + 1)..], second);
    }

    private static JsonObject? Decode(string segment)
    {
        try
        {
            // Count materialises the members, so a duplicate member fails here rather than on a later lookup.
            return JsonNode.Parse(Base64Url.DecodeFromChars(segment)) is JsonObject json && json.Count >= 0 ? json : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static bool Verify(TestSigningKey key, byte[] signingInput, string signatureSegment)
    {
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(signatureSegment);
        }
        catch (FormatException)
        {
            return false;
        }

        var hash = new HashAlgorithmName("SHA" + key.Algorithm[2..]);
        return key.Key switch
        {
            ECDsa ecdsa => ecdsa.VerifyData(signingInput, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.VerifyData(signingInput, signature, hash, key.Algorithm[0] == 'P' ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
            _ => false,
        };
    }

    private static string? StringMember(JsonObject json, string name)
        => json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? NumberMember(JsonObject json, string name)
        => json[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;
}
