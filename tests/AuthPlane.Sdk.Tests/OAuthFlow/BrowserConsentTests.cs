using System.Text.Json;
using AuthPlane.Sdk.Tests.Sample;
using Microsoft.Playwright;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>
/// The consent page in a real headless Chromium (Debian's <c>chromium</c> package; <c>.ci/run</c> installs it): the
/// official MCP client's authorization request is opened in the browser, the user unticks a scope and clicks Allow, and
/// the browser's navigation to the client's redirect URI completes the flow. Fails, never skips, when the browser is
/// missing. Playwright only drives the installed browser; it never downloads one.
/// </summary>
public sealed class BrowserConsentTests
{
    // Where Debian's chromium package installs the browser; AUTHPLANE_TEST_CHROMIUM names another binary.
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("AUTHPLANE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task A_user_in_headless_Chromium_consents_to_read_only_and_the_official_client_calls_tools_with_that_grant()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: install it (apt-get install -y chromium), as .ci/run does.");
        var port = SampleHost.FreeLoopbackPort();
        await using var server = await SampleHost.StartAsync("--urls", $"http://127.0.0.1:{port}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync();
        var consentPage = string.Empty;

        await using var client = await McpClientOAuthTests.ConnectAsync(server.McpUrl, AuthorizeInBrowserAsync, scopes: null);
        var whoami = await client.CallToolAsync("whoami");

        using var caller = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(whoami.Content)).Text);
        Assert.Contains("calendar:write", consentPage, StringComparison.Ordinal);
        Assert.Equal("dev-user", caller.RootElement.GetProperty("sub").GetString());
        Assert.Equal(["calendar:read"], caller.RootElement.GetProperty("scopes").EnumerateArray().Select(static s => s.GetString()));

        async Task<AuthorizationResult?> AuthorizeInBrowserAsync(AuthorizationCallbackContext context, CancellationToken ct)
        {
            // Nothing listens on the redirect URI: the browser's navigation there is intercepted and answered here.
            var redirected = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.RouteAsync(context.RedirectUri.GetLeftPart(UriPartial.Path) + "**", async route =>
            {
                redirected.TrySetResult(new Uri(route.Request.Url));
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/plain", Body = "Authorized; return to the client." });
            });
            await page.GotoAsync(context.AuthorizationUri.ToString());
            consentPage = await page.ContentAsync();
            await page.GetByLabel("calendar:write").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allow" }).ClickAsync();
            return ConsentUser.ReadRedirect(await redirected.Task.WaitAsync(TimeSpan.FromSeconds(30), ct));
        }
    }
}
