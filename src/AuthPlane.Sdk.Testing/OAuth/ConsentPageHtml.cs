using System.Text;
using System.Text.Encodings.Web;

namespace AuthPlane.Sdk.Testing.OAuth;

// The markup of the dev consent pages (upstream connect and the authorization endpoint); every value is HTML-encoded,
// and the pages need no script or style, so they are served with default-src 'none'.
internal static class ConsentPageHtml
{
    public static string Authorization(AuthorizationPage page)
    {
        var html = new StringBuilder()
            .Append("<h1>Authorize ").Append(Encode(page.ClientName)).Append("</h1>")
            .Append("<p>Development authority: no password. The client <b>").Append(Encode(page.ClientName))
            .Append("</b> (client_id <code>").Append(Encode(page.ClientId)).Append("</code>, returning to <code>")
            .Append(Encode(page.RedirectOrigin)).Append("</code>) asks for access to <code>").Append(Encode(page.Resource)).Append("</code>.</p>")
            .Append("<form method=\"post\">")
            .Append("<input type=\"hidden\" name=\"request\" value=\"").Append(Encode(page.RequestId)).Append("\">")
            .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Encode(page.CsrfToken)).Append("\">");
        if (page.Users.Count == 1)
        {
            html.Append("<p>Signed in as <b>").Append(Encode(page.Users[0])).Append("</b>.</p>");
        }
        else
        {
            html.Append("<p><label>Signed in as <select name=\"user\">");
            foreach (var user in page.Users)
            {
                html.Append("<option value=\"").Append(Encode(user)).Append("\">").Append(Encode(user)).Append("</option>");
            }

            html.Append("</select></label></p>");
        }

        if (page.GrantedScopes.Count > 0)
        {
            html.Append("<p>Already granted:</p><ul>");
            foreach (var scope in page.GrantedScopes)
            {
                html.Append("<li>").Append(Encode(scope)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (page.NewScopes.Count > 0)
        {
            html.Append("<fieldset><legend>").Append(page.GrantedScopes.Count > 0 ? "Also allow" : "Allow").Append(" (untick what you do not want to grant)</legend>");
            foreach (var scope in page.NewScopes)
            {
                html.Append("<label><input type=\"checkbox\" name=\"scope\" value=\"").Append(Encode(scope)).Append("\" checked> ")
                    .Append(Encode(scope)).Append("</label><br>");
            }

            html.Append("</fieldset>");
        }

        html.Append("<p><button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p></form>");
        return Page("Authorize " + page.ClientName, html.ToString());
    }

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

    // What the authorization consent page shows and posts back.
    public sealed record AuthorizationPage(
        string ClientName,
        string ClientId,
        string RedirectOrigin,
        string Resource,
        IReadOnlyList<string> GrantedScopes,
        IReadOnlyList<string> NewScopes,
        IReadOnlyList<string> Users,
        string RequestId,
        string CsrfToken);
}
