using System.Buffers;
using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.Verification;

/// <summary>The outcome of reading the <c>Authorization</c> header.</summary>
internal enum AuthorizationHeaderKind
{
    /// <summary>No <c>Authorization</c> header.</summary>
    Absent,

    /// <summary>A scheme this SDK does not handle; another handler may.</summary>
    OtherScheme,

    /// <summary>Several headers, or one that is not <c>scheme SP token68</c>.</summary>
    Malformed,

    /// <summary>A <c>Bearer</c> credential.</summary>
    Bearer,

    /// <summary>A <c>DPoP</c> credential.</summary>
    DPoP,
}

/// <summary>Parses <c>Authorization: Bearer|DPoP token68</c> (RFC 9110 §11.4, RFC 6750 §2.1, RFC 9449 §7.1).</summary>
internal static class AuthorizationHeader
{
    private static readonly SearchValues<char> Token68 =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=");

    public static AuthorizationHeaderKind Parse(StringValues values, out string? token)
    {
        var kind = ParseInPlace(values, out var credential);
        token = kind is AuthorizationHeaderKind.Bearer or AuthorizationHeaderKind.DPoP ? credential.ToString() : null;
        return kind;
    }

    /// <summary>
    /// As <see cref="Parse(StringValues, out string?)"/>, but the token is the part of the header value that holds
    /// it: no copy per request (the verified-token cache is looked up from it).
    /// </summary>
    public static AuthorizationHeaderKind ParseInPlace(StringValues values, out ReadOnlyMemory<char> token)
    {
        token = default;
        if (values.Count == 0)
        {
            return AuthorizationHeaderKind.Absent;
        }

        if (values.Count > 1 || values[0] is not { Length: > 0 } value)
        {
            return AuthorizationHeaderKind.Malformed;
        }

        var trimmed = value.AsMemory().Trim(' ');
        var span = trimmed.Span;
        var space = span.IndexOf(' ');
        if (space <= 0)
        {
            return IsKnownScheme(span) ? AuthorizationHeaderKind.Malformed : AuthorizationHeaderKind.OtherScheme;
        }

        var scheme = span[..space];
        AuthorizationHeaderKind kind;
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            kind = AuthorizationHeaderKind.Bearer;
        }
        else if (scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase))
        {
            kind = AuthorizationHeaderKind.DPoP;
        }
        else
        {
            return AuthorizationHeaderKind.OtherScheme;
        }

        var credentialMemory = trimmed[(space + 1)..].TrimStart(' ');
        var credential = credentialMemory.Span;
        var padding = credential.Length - credential.TrimEnd('=').Length;
        if (credential.Length == padding || credential.ContainsAnyExcept(Token68) || credential[..^padding].Contains('='))
        {
            return AuthorizationHeaderKind.Malformed;
        }

        token = credentialMemory;
        return kind;
    }

    private static bool IsKnownScheme(ReadOnlySpan<char> scheme)
        => scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
}
