using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthPlaneMcp.Tests;

public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task In_Development_without_an_issuer_an_embedded_loopback_authority_protects_the_server()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.UseEnvironment("Development"));
        using var http = factory.CreateClient();

        using var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/oauth-protected-resource/mcp", UriKind.Relative)));

        var authority = Assert.Single(metadata.RootElement.GetProperty("authorization_servers").EnumerateArray()).GetString();
        Assert.StartsWith("http://127.0.0.1:", authority, StringComparison.Ordinal);
        Assert.Equal("http://localhost:5000/mcp", metadata.RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public void Outside_Development_a_server_without_an_issuer_fails_at_start_up_naming_AUTHPLANE_ISSUER()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("AUTHPLANE_ISSUER", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.InnerException is null ? error.Message : error.Message + Environment.NewLine + Flatten(error.InnerException);
}
