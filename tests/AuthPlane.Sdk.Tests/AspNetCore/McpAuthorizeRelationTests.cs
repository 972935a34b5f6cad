using System.ComponentModel;
using System.Net;
using System.Net.Http.Headers;
using AuthPlane.Sdk.Verification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

[McpServerToolType]
public sealed class PolicyTools
{
    [McpServerTool(Name = "policy_write"), Description("Guarded by the MCP SDK's [Authorize] with a RequireScope policy.")]
    [Authorize(Policy = "writers")]
    public static string PolicyWrite() => "written by policy";

    [McpServerTool(Name = "scope_write"), Description("Guarded by AuthPlane's [RequireScope].")]
    [AuthPlane.Sdk.AspNetCore.RequireScope("calendar:write")]
    public static string ScopeWrite() => "written by scope";
}

/// <summary>
/// How AuthPlane's <c>[RequireScope]</c> (HTTP 403 step-up before the MCP SDK) relates to the MCP SDK's own
/// <c>[Authorize]</c> support (<c>AddAuthorizationFilters()</c>, a JSON-RPC error inside a 200), side by side.
/// </summary>
public class McpAuthorizeRelationTests
{
    private static async Task<WebApplication> StartAsync(IAuthPlaneRequestVerifier verifier)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri("https://localhost/"));
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithAuthPlane().AddAuthorizationFilters().WithTools<PolicyTools>();
        builder.Services.AddAuthPlane(o =>
        {
            o.Issuer = "https://auth.example.com";
            o.Resource = McpTestHost.Resource;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy("writers", policy => policy.RequireScope("calendar:write"));
        builder.Services.AddSingleton(verifier);
        var app = builder.Build();
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Require_scope_answers_the_http_403_step_up_while_the_mcp_sdk_authorize_answers_a_json_rpc_error()
    {
        await using var app = await StartAsync(TestRequestVerifier.Create());
        using var http = new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("https://localhost/") };
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse("Bearer " + TestRequestVerifier.ReadToken);

        using var scoped = await McpTestHost.PostJsonRpcAsync(http, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"scope_write","arguments":{}}}""");
        await using var client = await McpTestHost.ConnectAsync(new HttpClient(app.GetTestServer().CreateHandler())
        {
            BaseAddress = new Uri("https://localhost/"),
            DefaultRequestHeaders = { Authorization = AuthenticationHeaderValue.Parse("Bearer " + TestRequestVerifier.ReadToken) },
        });
        var tools = await client.ListToolsAsync();
        var policy = await Assert.ThrowsAnyAsync<McpException>(() => client.CallToolAsync("policy_write").AsTask());

        Assert.Equal(HttpStatusCode.Forbidden, scoped.StatusCode);
        Assert.Contains("scope=\"calendar:read calendar:write\"", Assert.Single(scoped.Headers.GetValues("WWW-Authenticate")), StringComparison.Ordinal);
        Assert.Equal(["scope_write"], tools.Select(t => t.Name));
        Assert.DoesNotContain("insufficient_scope", policy.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
