using AuthPlane.Sdk.Introspection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Xunit;

namespace AuthPlane.Sdk.Tests.Introspection;

public sealed class IntrospectionOptionsValidationTests
{
    [Fact]
    public void Defaults_are_off_fail_closed_and_cache_for_thirty_seconds()
    {
        var options = new IntrospectionOptions();

        Assert.False(options.Enabled);
        Assert.False(options.FailOpen);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ActiveResultCacheDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.InactiveResultCacheDuration);
        Assert.Null(Validate(_ => { }, clientId: null));
    }

    [Theory]
    [InlineData("ActiveResultCacheDuration", -1)]
    [InlineData("ActiveResultCacheDuration", 301)]
    [InlineData("InactiveResultCacheDuration", -1)]
    [InlineData("InactiveResultCacheDuration", 301)]
    public void Cache_duration_outside_zero_to_five_minutes_is_refused_naming_the_setting(string setting, int seconds)
    {
        var message = Validate(o =>
        {
            if (setting == nameof(IntrospectionOptions.ActiveResultCacheDuration))
            {
                o.ActiveResultCacheDuration = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                o.InactiveResultCacheDuration = TimeSpan.FromSeconds(seconds);
            }
        });

        Assert.NotNull(message);
        Assert.Contains($"AuthPlane:Introspection:{setting}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public void Cache_duration_at_the_bounds_is_accepted(int seconds)
    {
        Assert.Null(Validate(o =>
        {
            o.ActiveResultCacheDuration = TimeSpan.FromSeconds(seconds);
            o.InactiveResultCacheDuration = TimeSpan.FromSeconds(seconds);
        }));
    }

    [Fact]
    public void Cache_size_below_one_is_refused_naming_the_setting()
    {
        var message = Validate(o => o.MaxCacheEntries = 0);

        Assert.NotNull(message);
        Assert.Contains("AuthPlane:Introspection:MaxCacheEntries", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_without_client_credentials_is_refused_naming_the_settings()
    {
        var message = Validate(o => o.Enabled = true, clientId: null);

        Assert.NotNull(message);
        Assert.Contains("AuthPlane:Introspection:Enabled", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:ClientSecret", message, StringComparison.Ordinal);
    }

    private static string? Validate(Action<IntrospectionOptions> configure, string? clientId = "mcp-server")
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<AuthPlaneOptions>(o =>
        {
            o.ClientId = clientId;
            o.ClientSecret = clientId is null ? null : "s3cret";
        });
        services.AddSingleton<AuthPlane.Sdk.Tokens.IAccessTokenVerifier>(InnerVerifier.Accepting());
        services.AddAuthPlaneIntrospection(configure);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<IntrospectionOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
    }
}
