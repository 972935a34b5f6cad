using AuthPlane.Sdk.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class ClientOptionsValidationTests
{
    [Theory]
    [InlineData(nameof(AuthPlaneClientOptions.CacheSize))]
    [InlineData(nameof(AuthPlaneClientOptions.CircuitBreakerMinimumThroughput))]
    [InlineData(nameof(AuthPlaneClientOptions.TotalTimeout))]
    [InlineData(nameof(AuthPlaneClientOptions.CircuitBreakerFailureRatio))]
    public void An_invalid_setting_fails_with_a_message_naming_it(string setting)
    {
        var services = new ServiceCollection().AddAuthPlaneClient(o =>
        {
            switch (setting)
            {
                case nameof(AuthPlaneClientOptions.CacheSize): o.CacheSize = 0; break;
                case nameof(AuthPlaneClientOptions.CircuitBreakerMinimumThroughput): o.CircuitBreakerMinimumThroughput = 1; break;
                case nameof(AuthPlaneClientOptions.TotalTimeout): o.TotalTimeout = TimeSpan.Zero; break;
                default: o.CircuitBreakerFailureRatio = 0; break;
            }
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AuthPlaneClientOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var services = new ServiceCollection().AddAuthPlaneClient().BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<IOptions<AuthPlaneClientOptions>>().Value);
    }
}
