using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthPlaneMcp.Tests;

public sealed class DevelopmentModeTests
{
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
