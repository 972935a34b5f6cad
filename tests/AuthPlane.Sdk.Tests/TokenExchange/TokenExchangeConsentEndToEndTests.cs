using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Tests.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace AuthPlane.Sdk.Tests.TokenExchange;

public sealed class TokenExchangeConsentEndToEndTests
{
    private const string CallerToken = "caller.access.token";
    private const string ConsentUrl = "https://auth.example.com/connect/google?resource=google-calendar&return_url=x";

    [Fact]
    public async Task Without_consent_the_tool_call_becomes_a_url_elicitation_and_after_consent_it_succeeds_with_the_exchanged_token()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        authority.Enqueue(
            new FakeAnswer(400, $$"""{"error":"consent_required","error_description":"Authorize access to google-calendar","type":"about:blank","title":"Bad Request","status":400,"consent_url":"{{ConsentUrl}}","cause":"consent_missing"}""", "application/problem+json"),
            FakeAnswer.Json(200, """{"access_token":"exchanged-calendar-token","token_type":"Bearer","expires_in":600,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}"""));
        await using var app = await StartMcpServerAsync(authority);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri("http://localhost/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            app.GetTestClient(),
            ownsHttpClient: true));

        var consent = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() => client.CallToolAsync("calendar").AsTask());
        var retried = await client.CallToolAsync("calendar");

        Assert.Equal(ConsentUrl, Assert.Single(consent.Elicitations).Url);
        var upstreamToken = Assert.IsType<TextContentBlock>(Assert.Single(retried.Content)).Text;
        Assert.Equal("exchanged-calendar-token", upstreamToken);
        Assert.NotEqual(CallerToken, upstreamToken);
        Assert.All(authority.Requests, r => Assert.Equal(CallerToken, r.Form["subject_token"].ToString()));
        Assert.Equal(2, authority.Requests.Count);
    }

    private static async Task<WebApplication> StartMcpServerAsync(FakeTokenAuthority authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.Configure<AuthPlaneOptions>(o =>
        {
            o.ClientId = "mcp-server";
            o.ClientSecret = "s3cret";
            o.DevMode = true;
        });
        builder.Services.AddSingleton(FixedMetadata.Provider(new AuthorizationServerMetadata
        {
            Issuer = authority.BaseAddress.AbsoluteUri.TrimEnd('/'),
            JwksUri = new Uri(authority.BaseAddress, "/jwks"),
            TokenEndpoint = authority.TokenEndpoint,
        }));
        builder.Services.AddAuthPlaneTokenExchange();
        builder.Services.AddMcpServer()
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<UpstreamTools>()
            .AddAuthPlaneConsentFilter();
        var app = builder.Build();

        // Stands in for the AuthPlane authentication handler (built by another capability): every request is the
        // caller holding CallerToken.
        app.Use((context, next) =>
        {
            context.User = CallerTokens.Principal(CallerToken);
            return next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        return app;
    }
}
