using System.Text.Json;
using AuthPlane.Sdk.Jose;

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
            ExpiresAt = ReadInstant(root, "exp"),
            IssuedAt = ReadInstant(root, "iat"),
            NotBefore = ReadInstant(root, "nbf"),
            Subject = JsonBodies.GetString(root, "sub"),
            Audiences = ReadAudiences(root),
            Issuer = JsonBodies.GetString(root, "iss"),
            TokenId = JsonBodies.GetString(root, "jti"),
            RawJson = root.Clone(),
        };
    }

    // RFC 7662 §2.2: exp, iat and nbf are NumericDates. Absent or null is "not given"; anything else that is not a
    // representable instant is the authority breaking the protocol, never an overflow escaping the parser.
    private static DateTimeOffset? ReadInstant(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return NumericDate.TryRead(value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new AuthPlaneProtocolException($"The introspection response's {name} must be a NumericDate (seconds since the epoch, before the year 10000).");
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
