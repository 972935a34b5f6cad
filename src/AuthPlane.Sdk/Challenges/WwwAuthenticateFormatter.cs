using System.Text;

namespace AuthPlane.Sdk.Challenges;

/// <summary>
/// Formats one <c>WWW-Authenticate</c> challenge (RFC 9110 §11.6.1) in the parameter order of the AuthPlane
/// wire contract: <c>realm</c>, <c>algs</c>, <c>error</c>, <c>error_description</c>, <c>scope</c>,
/// <c>resource_metadata</c>; each <c>name="value"</c>, joined by <c>", "</c>; absent parameters are left out.
/// </summary>
internal static class WwwAuthenticateFormatter
{
    /// <summary>Formats a challenge of <paramref name="scheme"/> with the given parameters (null or empty ones are omitted).</summary>
    public static string Format(
        string scheme,
        string? realm = null,
        string? algs = null,
        string? error = null,
        string? errorDescription = null,
        string? scope = null,
        string? resourceMetadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        var builder = new StringBuilder(scheme, 256);
        var first = true;
        Append(builder, ref first, "realm", realm);
        Append(builder, ref first, "algs", algs);
        Append(builder, ref first, "error", error);
        Append(builder, ref first, "error_description", errorDescription);
        Append(builder, ref first, "scope", scope);
        Append(builder, ref first, "resource_metadata", resourceMetadata);
        return builder.ToString();
    }

    /// <summary>
    /// Writes <paramref name="value"/> as the content of an RFC 9110 quoted-string: <c>\</c> and <c>"</c> are
    /// escaped with a backslash, control characters (including CR and LF) are removed.
    /// </summary>
    public static string EscapeQuotedString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        AppendEscaped(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ref bool first, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        builder.Append(first ? " " : ", ").Append(name).Append("=\"");
        AppendEscaped(builder, value);
        builder.Append('"');
        first = false;
    }

    private static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                continue;
            }

            if (c is '\\' or '"')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }
}
