using System.Text.Json;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Client;

/// <summary>Helpers for reading authority response bodies.</summary>
internal static class JsonBodies
{
    /// <summary>Parses <paramref name="body"/> as a JSON object or throws <see cref="AuthPlaneProtocolException"/>.</summary>
    public static JsonDocument ParseObject(ReadOnlySpan<byte> body, string what)
    {
        if (!JsonText.IsWellFormed(body))
        {
            throw new AuthPlaneProtocolException($"The {what} is not well-formed UTF-8 JSON.");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new AuthPlaneProtocolException($"The {what} is not valid JSON.", innerException: ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new AuthPlaneProtocolException($"The {what} is not a JSON object.");
        }

        return document;
    }

    /// <summary>Parses <paramref name="body"/> as a JSON object, or returns null when it is not one.</summary>
    public static JsonDocument? TryParseObject(ReadOnlySpan<byte> body)
    {
        if (!JsonText.IsWellFormed(body))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string member <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
