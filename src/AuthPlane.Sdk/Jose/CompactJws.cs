using System.Text.Json;

namespace AuthPlane.Sdk.Jose;

/// <summary>
/// A compact JWS (RFC 7515 §7.1) split and decoded for verification, shared by access tokens and DPoP proofs:
/// canonical base64url (<see cref="CanonicalBase64Url"/>), well-formed UTF-8 checked once before any JSON is read
/// (<see cref="JsonText"/>), header and payload JSON objects, and no repeated member name in
/// any object (RFC 7515 §5.2, RFC 8725 §3.6) — otherwise one component could read a different <c>alg</c>,
/// <c>aud</c> or <c>htu</c> than another. The repeated-member rule is System.Text.Json's own
/// (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/>); the splitting is hand-written because
/// <c>JsonWebTokenHandler</c> accepts repeated members and is slower and allocates more on this per-request path
/// (see <c>bench/</c>). Dispose it to return the documents' pooled memory.
/// </summary>
internal sealed class CompactJws : IDisposable
{
    private const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    private static readonly JsonDocumentOptions Lenient = new() { AllowDuplicateProperties = true, MaxDepth = MaxDepth };

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    private CompactJws(JsonDocument header, JsonDocument payload, int signingInputLength, byte[] signature)
    {
        _header = header;
        _payload = payload;
        SigningInputLength = signingInputLength;
        Signature = signature;
    }

    /// <summary>The protected header; valid until <see cref="Dispose"/>.</summary>
    public JsonElement Header => _header.RootElement;

    /// <summary>The payload; valid until <see cref="Dispose"/> (use <see cref="JsonElement.Clone"/> to keep it).</summary>
    public JsonElement Payload => _payload.RootElement;

    /// <summary>The length of <c>header.payload</c>, the ASCII characters the signature covers.</summary>
    public int SigningInputLength { get; }

    /// <summary>The decoded signature (empty when the third segment is empty).</summary>
    public byte[] Signature { get; }

    /// <summary>Splits and decodes <paramref name="compact"/>; <paramref name="jws"/> is set only for <see cref="CompactJwsStatus.Ok"/>.</summary>
    public static CompactJwsStatus TryParse(string compact, out CompactJws? jws)
    {
        jws = null;
        var span = compact.AsSpan();
        var dots = span.Count('.');
        if (dots == 4)
        {
            return CompactJwsStatus.Encrypted;
        }

        if (dots != 2)
        {
            return CompactJwsStatus.Malformed;
        }

        var first = span.IndexOf('.');
        var second = first + 1 + span[(first + 1)..].IndexOf('.');
        var signatureText = span[(second + 1)..];
        byte[] signature = [];
        if (!CanonicalBase64Url.IsValid(span[..first]) || !CanonicalBase64Url.IsValid(span[(first + 1)..second])
            || (!signatureText.IsEmpty && !CanonicalBase64Url.TryDecode(signatureText, out signature)))
        {
            return CompactJwsStatus.Malformed;
        }

        var status = DecodeObject(span[..first], out var header);
        if (status != CompactJwsStatus.Ok)
        {
            return status;
        }

        status = DecodeObject(span[(first + 1)..second], out var payload);
        if (status != CompactJwsStatus.Ok)
        {
            header!.Dispose();
            return status;
        }

        jws = new CompactJws(header!, payload!, second, signature);
        return CompactJwsStatus.Ok;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }

    private static CompactJwsStatus DecodeObject(ReadOnlySpan<char> text, out JsonDocument? document)
    {
        document = null;
        if (!CanonicalBase64Url.TryDecode(text, out var utf8) || !JsonText.IsWellFormed(utf8))
        {
            return CompactJwsStatus.Malformed;
        }

        try
        {
            // The document keeps using utf8 (not pooled) for its lifetime; only its metadata is pooled.
            document = JsonDocument.Parse(utf8, Strict);
        }
        catch (JsonException)
        {
            // Rare path: tell a repeated member (an attack worth naming) from JSON that is simply broken.
            return IsJsonWhenDuplicatesAllowed(utf8) ? CompactJwsStatus.DuplicateMember : CompactJwsStatus.Malformed;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return CompactJwsStatus.Ok;
        }

        document.Dispose();
        document = null;
        return CompactJwsStatus.Malformed;
    }

    private static bool IsJsonWhenDuplicatesAllowed(byte[] utf8)
    {
        try
        {
            using var lenient = JsonDocument.Parse(utf8, Lenient);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
