using System.Net;
using System.Text.RegularExpressions;

namespace AuthPlane.Sdk.Tests.Testing;

/// <summary>Reads the TestAuthority consent page the way a browser submits it.</summary>
internal static partial class ConsentForm
{
    /// <summary>The name/value pairs of the page's hidden inputs, HTML-decoded, in page order.</summary>
    public static List<KeyValuePair<string, string>> HiddenInputs(string html) =>
        HiddenInput().Matches(html)
            .Select(static match => KeyValuePair.Create(WebUtility.HtmlDecode(match.Groups["name"].Value), WebUtility.HtmlDecode(match.Groups["value"].Value)))
            .ToList();

    /// <summary>The values of the page's ticked scope checkboxes, HTML-decoded, in page order.</summary>
    public static List<string> ScopeCheckboxes(string html) =>
        ScopeCheckbox().Matches(html).Select(static match => WebUtility.HtmlDecode(match.Groups["value"].Value)).ToList();

    /// <summary>The scopes the page lists as already granted, HTML-decoded.</summary>
    public static List<string> AlreadyGranted(string html)
    {
        var start = html.IndexOf("<p>Already granted:</p><ul>", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var list = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        return ListItem().Matches(list).Select(static match => WebUtility.HtmlDecode(match.Groups["value"].Value)).ToList();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input type=\"checkbox\" name=\"scope\" value=\"(?<value>[^\"]*)\" checked>", RegexOptions.CultureInvariant)]
    private static partial Regex ScopeCheckbox();

    [GeneratedRegex("<li>(?<value>[^<]*)</li>", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();
}
