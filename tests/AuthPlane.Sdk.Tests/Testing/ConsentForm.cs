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

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
