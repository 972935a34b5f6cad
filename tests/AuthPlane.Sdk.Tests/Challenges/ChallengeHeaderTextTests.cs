using System.Net;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.Tests.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Challenges;

/// <summary>
/// Realm and scopes end up in every WWW-Authenticate header, so they are checked at start-up to be text a server can
/// send; with Kestrel (which refuses non-ASCII and control characters in headers) an unchecked value turns each 401
/// into a failed response.
/// </summary>
public sealed class ChallengeHeaderTextTests
{
    private static AuthPlaneOptions Options(string? realm = null, params string[] scopes) => new()
    {
        Issuer = "https://auth.example.com",
        Resource = "https://mcp.example.com/mcp",
        Realm = realm,
        Scopes = scopes,
    };

    private static ValidateOptionsResult Validate(AuthPlaneOptions options) => new AuthPlaneOptionsValidator().Validate(null, options);

    [Theory]
    [InlineData("Café")]
    [InlineData("line\r\nSet-Cookie: x=1")]
    [InlineData("tab\tname")]
    public void A_realm_that_is_not_printable_ascii_fails_start_up_naming_the_setting(string realm)
    {
        var result = Validate(Options(realm));

        Assert.True(result.Failed);
        Assert.Contains("AuthPlane:Realm (AUTHPLANE_REALM)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_that_is_not_ascii_fails_start_up_as_it_is_the_default_realm()
    {
        var options = Options();
        options.Resource = "https://mcp.exämple.com/mcp";

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("AuthPlane:Resource (AUTHPLANE_RESOURCE) must be printable ASCII", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calendar read")]
    [InlineData("calendar\"read")]
    [InlineData("calendar\\read")]
    [InlineData("kalendář")]
    [InlineData("")]
    public void A_scope_that_is_not_an_rfc6749_scope_token_fails_start_up(string scope)
    {
        var result = Validate(Options(null, "calendar:read", scope));

        Assert.True(result.Failed);
        Assert.Contains("AuthPlane:Scopes (AUTHPLANE_SCOPES)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Printable_realm_and_scope_tokens_pass()
    {
        Assert.True(Validate(Options("Calendar \"prod\" \\ realm", "calendar:read", "https://api.example.com/write!")).Succeeded);
    }

    [Fact]
    public async Task A_kestrel_host_with_a_non_ascii_realm_does_not_start()
    {
        await using var app = Build(realm: "Café");

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public async Task A_kestrel_host_sends_a_realm_with_quotes_escaped_in_the_401()
    {
        await using var app = Build(realm: "Calendar \"prod\"");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await http.PostAsync(new Uri("/mcp", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer realm=\"Calendar \\\"prod\\\"\", scope=\"calendar:read\"", response.Headers.WwwAuthenticate.First().ToString(), StringComparison.Ordinal);
        Assert.Equal("""{"error_description":"An access token is required"}""", await response.Content.ReadAsStringAsync());
    }

    private static WebApplication Build(string realm)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport(options => options.Stateless = true).WithAuthPlane().WithTools<CalendarTools>();
        builder.Services.AddAuthPlane(options =>
        {
            options.Issuer = "https://auth.example.com";
            options.Resource = "https://mcp.example.com/mcp";
            options.Scopes = ["calendar:read"];
            options.Realm = realm;
        });
        var app = builder.Build();
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization();
        return app;
    }
}
