using System.Text.Json;

namespace AuthPlane.Sdk.Client;

/// <summary>Parses RFC 7662 introspection responses.</summary>
internal static class IntrospectionResponseParser
{
    public static IntrospectionResponse Parse(ReadOnlySpan<byte> body)
    {
        using var document = JsonBodies.ParseObject(body, "introspection response");
        var root = document.RootElement;

        // RFC 7662 §2.2: "active" is required; anything but the JSON literal true is treated as inactive.
        var active = root.TryGetProperty("active", out var activeValue) && activeValue.ValueKind == JsonValueKind.True;
        return new IntrospectionResponse
        {
            Active = active,
            Scope = JsonBodies.GetString(root, "scope"),
            ClientId = JsonBodies.GetString(root, "client_id"),
            Username = JsonBodies.GetString(root, "username"),
            TokenType = JsonBodies.GetString(root, "token_type"),
            ExpiresAt = JsonBodies.GetInt64(root, "exp"),
            IssuedAt = JsonBodies.GetInt64(root, "iat"),
            NotBefore = JsonBodies.GetInt64(root, "nbf"),
            Subject = JsonBodies.GetString(root, "sub"),
            Audiences = ReadAudiences(root),
            Issuer = JsonBodies.GetString(root, "iss"),
            TokenId = JsonBodies.GetString(root, "jti"),
            RawJson = root.Clone(),
        };
    }

    private static string[] ReadAudiences(JsonElement root)
    {
        if (!root.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return [aud.GetString()!];
        }

        if (aud.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var audiences = new List<string>(aud.GetArrayLength());
        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                audiences.Add(item.GetString()!);
            }
        }

        return [.. audiences];
    }
}
