namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// RFC 3986 §6.2.2/§6.2.3 normalisation of the <c>htu</c> a DPoP proof names (RFC 9449 §4.3 item 9):
/// scheme and host lower-cased, the default port dropped, query and fragment dropped, an empty path
/// becoming <c>/</c>; the path itself is compared exactly as sent.
/// </summary>
/// <remarks>
/// Hand-written rather than <see cref="Uri"/>: <see cref="Uri"/> rewrites the path (unescaping,
/// dot-segment removal) and accepts relative and userinfo forms, while the proof must name the path byte
/// for byte and a URL with userinfo, without a scheme, or with another scheme never matches.
/// </remarks>
internal static class HttpTargetUri
{
    /// <summary>Normalises <paramref name="value"/>; null when it is not an absolute http(s) URL without userinfo.</summary>
    public static string? Normalize(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var scheme = value[..schemeEnd].ToLowerInvariant();
        int defaultPort;
        if (scheme == "https")
        {
            defaultPort = 443;
        }
        else if (scheme == "http")
        {
            defaultPort = 80;
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
        if (host.IsEmpty || host.ContainsAny(' ', '\t', '\\'))
        {
            return null;
        }

        var port = string.Empty;
        if (portSeparator >= 0)
        {
            var portText = authority[(portSeparator + 1)..];
            if (!portText.IsEmpty)
            {
                if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var portNumber)
                    || portNumber > 65535)
                {
                    return null;
                }

                if (portNumber != defaultPort)
                {
                    port = ":" + portNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        var pathEnd = value.AsSpan(authorityEnd).IndexOfAny('?', '#');
        var path = pathEnd < 0 ? value.AsSpan(authorityEnd) : value.AsSpan(authorityEnd, pathEnd);
        return string.Concat(scheme, "://", host.ToString().ToLowerInvariant(), port, path.IsEmpty ? "/" : path.ToString());
    }
}
