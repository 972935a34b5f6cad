using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Configuration;

public class ConfigurationListTests
{
    [Fact]
    public void A_list_in_configuration_replaces_the_default_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuthPlane:AllowedAlgorithms:0"] = "ES256",
            ["AuthPlane:DPoP:AllowedAlgorithms:0"] = "ES256",
        }).Build();
        var services = new ServiceCollection().ConfigureAuthPlane(configuration);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;

        Assert.Equal(["ES256"], options.AllowedAlgorithms);
        Assert.Equal(["ES256"], options.DPoP.AllowedAlgorithms);
    }

    [Fact]
    public void Without_a_list_in_configuration_the_defaults_stay()
    {
        var services = new ServiceCollection().ConfigureAuthPlane(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;

        Assert.Equal(["ES256", "RS256"], options.AllowedAlgorithms);
        Assert.Equal(["ES256", "RS256", "PS256"], options.DPoP.AllowedAlgorithms);
    }
}
