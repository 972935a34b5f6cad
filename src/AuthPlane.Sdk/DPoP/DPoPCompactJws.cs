using System.Buffers.Text;
using System.Text.Json;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Splits and decodes a compact JWS DPoP proof. Hand-written instead of <c>JsonWebTokenHandler</c>: the proof
/// must be rejected when a JSON object repeats a member (an attacker could otherwise show one <c>htu</c> or
/// <c>jwk</c> to one parser and another to the next), only base64url characters are allowed, and this is on
/// the per-request hot path where the library's generality costs allocations.
/// </summary>
internal sealed class DPoPCompactJws : IDisposable
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly System.Buffers.SearchValues<char> CompactJwsAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private DPoPCompactJws(JsonDocument header, JsonDocument payload, int signingInputLength, byte[] signature)
    {
        HeaderDocument = header;
        PayloadDocument = payload;
        SigningInputLength = signingInputLength;
        Signature = signature;
    }

    private JsonDocument HeaderDocument { get; }

    private JsonDocument PayloadDocument { get; }

    public JsonElement Header => HeaderDocument.RootElement;

    public JsonElement Payload => PayloadDocument.RootElement;

    /// <summary>The length of <c>header.payload</c>, the bytes the signature covers.</summary>
    public int SigningInputLength { get; }

    public byte[] Signature { get; }

    /// <summary>Parses <paramref name="proof"/>; null when it is not a compact JWS with JSON object header and payload.</summary>
    public static DPoPCompactJws? TryParse(string proof)
    {
        if (!IsCompactJwsText(proof))
        {
            return null;
        }

        var firstDot = proof.IndexOf('.', StringComparison.Ordinal);
        var secondDot = proof.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || secondDot == firstDot + 1 || proof.IndexOf('.', secondDot + 1) >= 0 || secondDot == proof.Length - 1)
        {
            return null;
        }

        var header = DecodeObject(proof.AsSpan(0, firstDot));
        if (header is null)
        {
            return null;
        }

        var payload = DecodeObject(proof.AsSpan(firstDot + 1, secondDot - firstDot - 1));
        var signatureText = proof.AsSpan(secondDot + 1);
        if (payload is null || !Base64Url.IsValid(signatureText, out _))
        {
            header.Dispose();
            payload?.Dispose();
            return null;
        }

        return new DPoPCompactJws(header, payload, secondDot, Base64Url.DecodeFromChars(signatureText));
    }

    /// <summary>True when every character is of the base64url alphabet (no padding, no whitespace).</summary>
    public static bool IsBase64UrlText(ReadOnlySpan<char> text)
        => !text.IsEmpty && !text.ContainsAnyExcept(Base64UrlAlphabet);

    public void Dispose()
    {
        HeaderDocument.Dispose();
        PayloadDocument.Dispose();
    }

    private static bool IsCompactJwsText(string proof) => proof.Length > 0 && !proof.AsSpan().ContainsAnyExcept(CompactJwsAlphabet);

    private static JsonDocument? DecodeObject(ReadOnlySpan<char> part)
    {
        if (!Base64Url.IsValid(part, out var length) || length == 0)
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(part);
        try
        {
            // JsonDocument has no non-throwing parse; a JsonException here means a malformed proof.
            var document = JsonDocument.Parse(bytes, StrictJson);
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
}
