using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuthPlane.Sdk.Challenges;

/// <summary>
/// Serializes the JSON error body <c>{"error":…,"error_description":…}</c> of 4xx/503 answers; the no-credentials 401
/// carries only <c>error_description</c>, as its challenge carries no <c>error</c> (RFC 6750 §3.1).
/// </summary>
internal static class ErrorBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The UTF-8 JSON body of <paramref name="error"/> (left out when null) and <paramref name="errorDescription"/>.</summary>
    public static byte[] Serialize(string? error, string errorDescription)
    {
        if (error is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(error);
        }

        ArgumentNullException.ThrowIfNull(errorDescription);
        using var buffer = new MemoryStream(96);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (error is not null)
            {
                writer.WriteString("error", error);
            }

            writer.WriteString("error_description", errorDescription);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
