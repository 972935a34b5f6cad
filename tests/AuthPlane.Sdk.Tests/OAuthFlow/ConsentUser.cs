using System.Net;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Authentication;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>
/// A user at the dev authority's consent page, driven over plain HTTP the way a browser would: it keeps the session
/// cookie, opens the authorization URL, reads the form, ticks or unticks scopes, clicks Allow or Deny and follows
/// nothing, handing back the redirect to the client's redirect_uri.
/// </summary>
internal sealed class ConsentUser : IDisposable
{
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    /// <summary>Scopes to untick before clicking Allow.</summary>
    public HashSet<string> Untick { get; } = new(StringComparer.Ordinal);

    /// <summary>The user to pick in the user picker; none leaves the page's default.</summary>
    public string? PickUser { get; set; }

    /// <summary>Every consent page shown, in order.</summary>
    public List<string> Pages { get; } = [];

    /// <summary>Clicks Deny instead of Allow.</summary>
    public bool Deny { get; set; }

    /// <summary>What the client's redirect_uri received: code, state, iss (or error).</summary>
    public static AuthorizationResult ReadRedirect(Uri location)
    {
        var query = QueryHelpers.ParseQuery(location.Query);
        return new AuthorizationResult
        {
            Code = query.TryGetValue("code", out var code) ? code.ToString() : null,
            State = query.TryGetValue("state", out var state) ? state.ToString() : null,
            Iss = query.TryGetValue("iss", out var iss) ? iss.ToString() : null,
        };
    }

    /// <summary>The <see cref="ClientOAuthOptions.AuthorizationCallbackHandler"/> of the official MCP client.</summary>
    public async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken ct)
        => ReadRedirect(await ConsentAsync(context.AuthorizationUri, ct));

    /// <summary>Opens <paramref name="authorizationUri"/>, submits the consent form and returns the redirect's Location.</summary>
    public async Task<Uri> ConsentAsync(Uri authorizationUri, CancellationToken ct = default)
    {
        using var page = await _browser.GetAsync(authorizationUri, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page.Headers.Location ?? throw new InvalidOperationException($"The authorization endpoint answered {(int)page.StatusCode}: {html}");
        }

        Pages.Add(html);
        var fields = ConsentForm.HiddenInputs(html);
        fields.AddRange(ConsentForm.ScopeCheckboxes(html).Where(scope => !Untick.Contains(scope)).Select(static scope => KeyValuePair.Create("scope", scope)));
        if (PickUser is not null)
        {
            fields.Add(KeyValuePair.Create("user", PickUser));
        }

        fields.Add(KeyValuePair.Create("decision", Deny ? "deny" : "allow"));
        using var decision = await _browser.PostAsync(authorizationUri.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(fields), ct);
        if (decision.StatusCode != HttpStatusCode.SeeOther || decision.Headers.Location is not { } location)
        {
            throw new InvalidOperationException($"The consent form answered {(int)decision.StatusCode}: {await decision.Content.ReadAsStringAsync(ct)}");
        }

        return location;
    }

    public void Dispose() => _browser.Dispose();
}
