using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSubstitute;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class AuthenticationSchemeTests
{
    private const string ApiIssuer = "https://login.example.org";
    private const string ApiAudience = "api://orders";

    private static Task<McpTestHost> StartAsync(Action<IServiceCollection>? services = null, Action<WebApplication>? map = null) =>
        McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()), services: services, map: map);

    private static Action<IServiceCollection> Events(Action<AuthPlaneEvents> configure) =>
        services => services.Configure<AuthPlaneAuthenticationOptions>(AuthPlaneAuthenticationDefaults.AuthenticationScheme, options => configure(options.Events));

    private static void MapMe(WebApplication app) =>
        app.MapGet("/me", (ClaimsPrincipal user) => user.Identity?.Name + "|" + user.FindFirst("role")?.Value).RequireAuthorization();

    [Fact]
    public async Task AuthPlane_on_mcp_beside_JwtBearer_on_api_keeps_the_api_working_while_the_authority_is_down()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = Substitute.For<IAuthPlaneRequestVerifier>();
#pragma warning disable CA2012 // NSubstitute configures the call; the ValueTask is never awaited here
        verifier.VerifyAsync(Arg.Any<ResourceRequest>(), Arg.Any<CancellationToken>()).Returns(new ValueTask<RequestVerificationResult>(new RequestVerificationResult
        {
            Status = RequestVerificationStatus.Unavailable,
            Reason = RejectionReason.AuthorityUnavailable,
            Scheme = "Bearer",
        }));
#pragma warning restore CA2012
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri("https://localhost/"));
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport(options => options.Stateless = true).WithAuthPlane().WithTools<CalendarTools>();
        builder.Services.ConfigureAuthPlane(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), options =>
        {
            options.Issuer = "https://auth.example.com";
            options.Resource = McpTestHost.Resource;
        });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = ApiIssuer,
                    ValidAudience = ApiAudience,
                    IssuerSigningKey = new ECDsaSecurityKey(key),
                };
            })
            .AddAuthPlane("mcp", configure: null);
        builder.Services.AddSingleton(verifier);
        await using var app = builder.Build();
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization(policy => policy.AddAuthenticationSchemes("mcp").RequireAuthenticatedUser());
        app.MapGet("/api", (ClaimsPrincipal user) => "orders for " + user.FindFirst("sub")?.Value).RequireAuthorization();
        await app.StartAsync();
        using var http = new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("https://localhost/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken(key));

        using var api = await http.GetAsync("/api");
        var apiCalls = verifier.ReceivedCalls().Count();
        using var mcp = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("orders for bob", await api.Content.ReadAsStringAsync());
        Assert.Equal(0, apiCalls);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, mcp.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), mcp.Headers.RetryAfter?.Delta);
        Assert.False(mcp.Headers.Contains("WWW-Authenticate"));
        await app.StopAsync();
    }

    [Fact]
    public async Task On_token_validated_can_replace_the_principal()
    {
        await using var host = await StartAsync(
            Events(events => events.OnTokenValidated = context =>
            {
                context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "replaced"), new Claim("role", "agent")], "custom", "name", "role"));
                return Task.CompletedTask;
            }),
            MapMe);
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        Assert.Equal("replaced|agent", await http.GetStringAsync("/me"));
    }

    [Fact]
    public async Task On_token_validated_can_reject_the_token()
    {
        await using var host = await StartAsync(Events(events => events.OnTokenValidated = context =>
        {
            context.Fail("client not allowed here");
            return Task.CompletedTask;
        }));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task On_message_received_can_supply_the_credentials()
    {
        await using var host = await StartAsync(
            Events(events => events.OnMessageReceived = context =>
            {
                context.Authorization = "Bearer " + context.Request.Query["t"];
                return Task.CompletedTask;
            }),
            MapMe);
        using var http = host.CreateHttpClient();

        using var response = await http.GetAsync("/me?t=" + TestRequestVerifier.ReadToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice|", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_authentication_failed_sees_the_reason_and_can_decide_the_result()
    {
        RejectionReason? seen = null;
        await using var host = await StartAsync(
            Events(events => events.OnAuthenticationFailed = context =>
            {
                seen = context.Verification.Reason;
                context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "grace")], "grace", "name", "role"));
                context.Success();
                return Task.CompletedTask;
            }),
            MapMe);
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ExpiredToken);

        using var response = await http.GetAsync("/me");

        Assert.Equal(RejectionReason.TokenExpired, seen);
        Assert.Equal("grace|", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_challenge_can_write_its_own_answer()
    {
        await using var host = await StartAsync(Events(events => events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("custom:" + context.Error.Error);
        }));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ExpiredToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("custom:invalid_token", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task On_forbidden_sees_the_required_scopes_and_can_change_the_answer()
    {
        IReadOnlyList<string>? required = null;
        await using var host = await StartAsync(Events(events => events.OnForbidden = context =>
        {
            required = context.RequiredScopes;
            context.Error = new Sdk.Challenges.AuthPlaneErrorResponse(403, [], "insufficient_scope", "Ask your admin");
            return Task.CompletedTask;
        }));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_calendar"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["calendar:read", "calendar:write"], required);
        Assert.Equal("""{"error":"insufficient_scope","error_description":"Ask your admin"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_verified_claim_is_on_the_principal_arrays_split_objects_as_json()
    {
        var token = TokenWith("""{"sub":"alice","client_id":"c1","aud":["https://localhost/mcp","https://other"],"scope":"a b","agent_id":"agent-7","act":{"sub":"svc","client_id":"c0"},"roles":["r1","r2"],"n":5,"ok":true,"gone":null}""", "a", "b");

        var user = new ClaimsPrincipal(new AuthPlaneIdentity(token));

        Assert.Equal("alice", user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal("alice", user.Identity?.Name);
        Assert.Equal(["a", "b"], user.FindAll("scope").Select(c => c.Value));
        Assert.Equal(["https://localhost/mcp", "https://other"], user.FindAll("aud").Select(c => c.Value));
        Assert.Equal(["r1", "r2"], user.FindAll("roles").Select(c => c.Value));
        Assert.Equal("agent-7", user.FindFirst("agent_id")?.Value);
        Assert.Equal("""{"sub":"svc","client_id":"c0"}""", user.FindFirst("act")?.Value);
        Assert.Equal("JSON", user.FindFirst("act")?.ValueType);
        Assert.Equal(ClaimValueTypes.Integer64, user.FindFirst("n")?.ValueType);
        Assert.Equal("true", user.FindFirst("ok")?.Value);
        Assert.Null(user.FindFirst("gone"));
        Assert.Same(user.FindFirst("agent_id"), new ClaimsPrincipal(new AuthPlaneIdentity(token)).FindFirst("agent_id"));
    }

    [Fact]
    public void Claims_mapping_can_be_turned_off()
    {
        var token = TokenWith("""{"sub":"alice","client_id":"c1","scope":"a","agent_id":"agent-7"}""", "a");

        var user = new ClaimsPrincipal(new AuthPlaneIdentity(token, mapAllClaims: false));

        Assert.Equal(["sub", ClaimTypes.NameIdentifier, "client_id", "scope"], user.Claims.Select(c => c.Type));
        Assert.Null(user.FindFirst("agent_id"));
        Assert.Same(token, user.GetAuthPlaneToken());
    }

    [Fact]
    public async Task Minimal_api_endpoint_with_require_scope_answers_401_403_and_200_like_mcp()
    {
        await using var host = await StartAsync(map: app => app.MapGet("/calendar", () => "events").RequireScope("calendar:read"));
        using var anonymous = host.CreateHttpClient();
        using var admin = host.CreateHttpClient("Bearer " + TestRequestVerifier.AdminWriteToken);
        using var reader = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var unauthenticated = await anonymous.GetAsync("/calendar");
        using var forbidden = await admin.GetAsync("/calendar");
        using var ok = await reader.GetAsync("/calendar");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Contains("scope=\"calendar:read calendar:write\"", unauthenticated.Headers.GetValues("WWW-Authenticate").First(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(
            "Bearer realm=\"https://localhost/mcp\", error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"admin:write calendar:read\", resource_metadata=\"https://localhost/.well-known/oauth-protected-resource/mcp\"",
            Assert.Single(forbidden.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal("events", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Policy_builder_require_scope_works_in_a_named_policy()
    {
        await using var host = await StartAsync(
            services => services.AddAuthorizationBuilder().AddPolicy("writers", policy => policy.RequireScope("calendar:write")),
            app => app.MapGet("/write", () => "ok").RequireAuthorization("writers"));
        using var reader = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        using var writer = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadWriteToken);

        using var forbidden = await reader.GetAsync("/write");
        using var ok = await writer.GetAsync("/write");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("scope=\"calendar:read calendar:write\"", Assert.Single(forbidden.Headers.GetValues("WWW-Authenticate")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Scopes_supported_defaults_to_the_union_of_declared_require_scope_scopes()
    {
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()), configure: options => options.Scopes = []);
        using var http = host.CreateHttpClient();

        using var document = JsonDocument.Parse(await http.GetStringAsync("/.well-known/oauth-protected-resource/mcp"));

        Assert.Equal(
            ["calendar:read", "calendar:write", "admin", "admin:write", "prompts:secret"],
            document.RootElement.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    private static VerifiedToken TokenWith(string claims, params string[] scopes) => new()
    {
        RawToken = "raw",
        Issuer = "https://auth.example.com",
        Subject = "alice",
        ClientId = "c1",
        Audiences = [McpTestHost.Resource],
        Scopes = scopes,
        TokenId = "jti",
        KeyId = "kid",
        Algorithm = "ES256",
        IssuedAt = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddHours(1),
        Claims = JsonDocument.Parse(claims).RootElement.Clone(),
    };

    private static string ApiToken(ECDsa key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = ApiIssuer,
        Audience = ApiAudience,
        Claims = new Dictionary<string, object> { ["sub"] = "bob" },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256),
    });
}
