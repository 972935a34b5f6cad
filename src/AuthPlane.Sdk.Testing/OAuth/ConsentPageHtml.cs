using System.Text;
using System.Text.Encodings.Web;

namespace AuthPlane.Sdk.Testing.OAuth;

// The markup of the dev consent page; every value is HTML-encoded.
internal static class ConsentPageHtml
{
    public static string Form(string displayName, string subject, IReadOnlyList<string> scopes, string state, string? returnUrl)
    {
        var html = new StringBuilder()
            .Append("<h1>Authorize access to ").Append(Encode(displayName)).Append("</h1>")
            .Append("<p>Development authority: no login. Granting consent for user <b>").Append(Encode(subject)).Append("</b>")
            .Append(scopes.Count == 0 ? "." : " with the scopes:</p><ul>");
        foreach (var scope in scopes)
        {
            html.Append("<li>").Append(Encode(scope)).Append("</li>");
        }

        html.Append(scopes.Count == 0 ? "</p>" : "</ul>")
            .Append("<form method=\"post\">")
            .Append("<input type=\"hidden\" name=\"state\" value=\"").Append(Encode(state)).Append("\">");
        if (returnUrl is not null)
        {
            html.Append("<input type=\"hidden\" name=\"return_url\" value=\"").Append(Encode(returnUrl)).Append("\">");
        }

        html.Append("<button type=\"submit\">Allow</button></form>");
        return Page("Authorize access to " + displayName, html.ToString());
    }

    public static string Message(string title, string text) => Page(title, "<h1>" + Encode(title) + "</h1><p>" + Encode(text) + "</p>");

    private static string Page(string title, string body)
        => "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Encode(title) + "</title></head><body>" + body + "</body></html>";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
