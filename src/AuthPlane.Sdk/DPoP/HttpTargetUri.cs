using System.Buffers;
using System.Globalization;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// The form in which a DPoP proof's <c>htu</c> and the request's own URL are compared (RFC 9449 §4.3 item 9):
/// RFC 3986 §6.2.2 syntax-based normalisation — scheme and host lower-cased, percent-encodings upper-cased,
/// percent-encoded unreserved characters decoded, dot segments removed — and §6.2.3 scheme-based normalisation —
/// the default port dropped, an empty path becoming <c>/</c>. Query and fragment are not part of <c>htu</c>.
/// </summary>
/// <remarks>
/// Hand-written rather than <see cref="Uri"/>: <see cref="Uri"/> unescapes more than the unreserved set (so
/// <c>%2F</c> could turn into a path separator), accepts relative and userinfo forms, and differs between platforms,
/// while a proof must name exactly the resource: a URL with userinfo, an invalid percent-encoding, without a scheme,
/// or with another scheme never matches.
/// </remarks>
internal static class HttpTargetUri
{
    /// <summary>Normalises an absolute http(s) URL; null when it is not one, has userinfo, or has an invalid percent-encoding.</summary>
    public static string? Normalize(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var schemeText = value.AsSpan(0, schemeEnd);
        string scheme;
        int defaultPort;
        if (schemeText.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            (scheme, defaultPort) = ("https", 443);
        }
        else if (schemeText.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            (scheme, defaultPort) = ("http", 80);
        }
        else
        {
            return null;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = value.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        authorityEnd = authorityEnd < 0 ? value.Length : authorityStart + authorityEnd;
        var authority = value.AsSpan(authorityStart, authorityEnd - authorityStart);
        if (authority.IsEmpty || authority.Contains('@'))
        {
            return null;
        }

        var portSeparator = authority.LastIndexOf(':');
        if (portSeparator >= 0 && authority.LastIndexOf(']') > portSeparator)
        {
            portSeparator = -1; // the colon belongs to an IPv6 literal
        }

        var host = portSeparator < 0 ? authority : authority[..portSeparator];
        if (host.IsEmpty || host.ContainsAny(' ', '\t', '\\') || host.Contains('%'))
        {
            return null;
        }

        var port = string.Empty;
        if (portSeparator >= 0)
        {
            var portText = authority[(portSeparator + 1)..];
            if (!portText.IsEmpty)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
                {
                    return null;
                }

                if (portNumber != defaultPort)
                {
                    port = ":" + portNumber.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        var pathEnd = value.AsSpan(authorityEnd).IndexOfAny('?', '#');
        var path = pathEnd < 0 ? value.AsSpan(authorityEnd) : value.AsSpan(authorityEnd, pathEnd);
        var buffer = ArrayPool<char>.Shared.Rent(path.Length + 1);
        try
        {
            var length = NormalizePath(path, buffer);
            return length < 0
                ? null
                : string.Concat(string.Concat(scheme, "://", host.ToString().ToLowerInvariant()), port, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The path part of a request target as received (<c>IHttpRequestFeature.RawTarget</c>): origin-form up to the
    /// query; for absolute-form the path after the authority (whose host is never trusted). Null for any other form.
    /// </summary>
    public static string? PathOfRequestTarget(string rawTarget)
    {
        var span = rawTarget.AsSpan();
        if (!span.StartsWith('/'))
        {
            var schemeEnd = span.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return null;
            }

            var pathStart = span[(schemeEnd + 3)..].IndexOfAny('/', '?', '#');
            span = pathStart < 0 ? [] : span[(schemeEnd + 3 + pathStart)..];
        }

        var end = span.IndexOfAny('?', '#');
        return (end < 0 ? span : span[..end]).ToString();
    }

    /// <summary>
    /// Writes the normalised form of <paramref name="path"/> (empty or starting with <c>/</c>) to
    /// <paramref name="destination"/> (at least one character longer); the length written, or -1 when a
    /// percent-encoding is invalid. Normalising never lengthens a non-empty path.
    /// </summary>
    private static int NormalizePath(ReadOnlySpan<char> path, Span<char> destination)
    {
        // §6.2.2.1/§6.2.2.2: upper-case percent-encodings, decode those of unreserved characters.
        var length = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c != '%')
            {
                destination[length++] = c;
                continue;
            }

            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
            {
                return -1;
            }

            var decoded = (char)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]));
            if (IsUnreserved(decoded))
            {
                destination[length++] = decoded;
            }
            else
            {
                destination[length++] = '%';
                destination[length++] = char.ToUpperInvariant(path[i + 1]);
                destination[length++] = char.ToUpperInvariant(path[i + 2]);
            }

            i += 2;
        }

        if (length == 0 || destination[0] != '/')
        {
            // §6.2.3: an empty path is "/"; a non-empty path after an authority always starts with "/".
            if (length != 0)
            {
                return -1;
            }

            destination[0] = '/';
            return 1;
        }

        return RemoveDotSegments(destination[..length]);
    }

    /// <summary>RFC 3986 §5.2.4 on an absolute path, in place; returns the new length.</summary>
    private static int RemoveDotSegments(Span<char> path)
    {
        var written = 0;
        var read = 0;
        while (read < path.Length)
        {
            // path[read] is '/', the start of a segment that runs to the next '/'.
            var next = path[(read + 1)..].IndexOf('/');
            var end = next < 0 ? path.Length : read + 1 + next;
            var segment = path[(read + 1)..end];
            var last = end == path.Length;
            if (segment is ".")
            {
                if (last)
                {
                    path[written++] = '/';
                }
            }
            else if (segment is "..")
            {
                written = Math.Max(0, path[..written].LastIndexOf('/'));
                if (last)
                {
                    path[written++] = '/';
                }
            }
            else
            {
                path[read..end].CopyTo(path[written..]);
                written += end - read;
            }

            read = end;
        }

        if (written == 0)
        {
            path[written++] = '/';
        }

        return written;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
