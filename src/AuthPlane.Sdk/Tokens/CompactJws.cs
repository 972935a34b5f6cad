using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using AuthPlane.Sdk.Errors;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Splits and decodes a compact JWS (RFC 7515 §7.1) with strict base64url (no padding, no whitespace) and the
/// duplicate-member check of <see cref="StrictJsonObject"/>. Five segments (a JWE) are recognised and refused
/// without any decryption attempt.
/// </summary>
internal static class CompactJws
{
    /// <summary>The decoded parts of a compact JWS.</summary>
    public readonly record struct Parts(JsonElement Header, JsonElement Payload, int SigningInputLength, byte[] Signature);

    /// <summary>Splits and decodes <paramref name="token"/>.</summary>
    public static RejectionReason TryParse(string token, out Parts parts)
    {
        parts = default;
        var span = token.AsSpan();
        var dots = span.Count('.');
        if (dots == 4)
        {
            return RejectionReason.EncryptedOrNestedToken;
        }

        if (dots != 2)
        {
            return RejectionReason.MalformedToken;
        }

        var first = span.IndexOf('.');
        var second = first + 1 + span[(first + 1)..].IndexOf('.');
        var headerText = span[..first];
        var payloadText = span[(first + 1)..second];
        var signatureText = span[(second + 1)..];
        if (headerText.IsEmpty || payloadText.IsEmpty
            || !IsBase64Url(headerText) || !IsBase64Url(payloadText) || !IsBase64Url(signatureText))
        {
            return RejectionReason.MalformedToken;
        }

        var reason = DecodeObject(headerText, out var header);
        if (reason != RejectionReason.None)
        {
            return reason;
        }

        reason = DecodeObject(payloadText, out var payload);
        if (reason != RejectionReason.None)
        {
            return reason;
        }

        parts = new Parts(header, payload, second, Base64Url.DecodeFromChars(signatureText));
        return RejectionReason.None;
    }

    private static RejectionReason DecodeObject(ReadOnlySpan<char> text, out JsonElement value)
    {
        value = default;
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(text.Length));
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, buffer, out var written))
            {
                return RejectionReason.MalformedToken;
            }

            return StrictJsonObject.TryParse(buffer.AsSpan(0, written), out value) switch
            {
                StrictJsonObject.Outcome.Ok => RejectionReason.None,
                StrictJsonObject.Outcome.DuplicateMember => RejectionReason.DuplicateJsonMember,
                _ => RejectionReason.MalformedToken,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBase64Url(ReadOnlySpan<char> text)
        => !text.ContainsAnyExcept(Base64UrlAlphabet) && text.Length % 4 != 1;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
