using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.DPoP;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class AddAuthPlaneConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection>? before = null)
    {
        // A valid issuer and resource unless the test sets them, so each test sees only the failures it provokes.
        values.TryAdd("AuthPlane:Issuer", "https://auth.example.com");
        values.TryAdd("AuthPlane:Resource", "https://api.example.com/mcp");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddAuthPlane(configuration);
        return services.BuildServiceProvider();
    }

    private static AuthPlaneOptions Options(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        return provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;
    }

    private static OptionsValidationException StartupFailure(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Binds_the_authplane_section()
    {
        var options = Options(new()
        {
            ["AuthPlane:Issuer"] = "https://auth.example.com",
            ["AuthPlane:Resource"] = "https://api.example.com/mcp",
            ["AuthPlane:Scopes:0"] = "calendar:read",
            ["AuthPlane:Scopes:1"] = "calendar:write",
            ["AuthPlane:DPoP:Mode"] = "Required",
            ["AuthPlane:ResourceName"] = "Calendar",
        });

        Assert.Equal("https://auth.example.com", options.Issuer);
        Assert.Equal("https://api.example.com/mcp", options.Resource);
        Assert.Equal(["calendar:read", "calendar:write"], options.Scopes);
        Assert.Equal(DPoPMode.Required, options.DPoP.Mode);
        Assert.Equal("Calendar", options.ResourceName);
    }

    [Fact]
    public void Binds_every_flat_variable()
    {
        var options = Options(new()
        {
            ["AUTHPLANE_ISSUER"] = "http://localhost:9000",
            ["AUTHPLANE_RESOURCE"] = "http://localhost:5000/mcp",
            ["AUTHPLANE_SCOPES"] = "calendar:read calendar:write,mail:send",
            ["AUTHPLANE_CLIENT_ID"] = "mcp-server",
            ["AUTHPLANE_CLIENT_SECRET"] = "s3cret",
            ["AUTHPLANE_DEV_MODE"] = "true",
            ["AUTHPLANE_REALM"] = "calendar",
            ["AUTHPLANE_DPOP"] = "required",
            ["AUTHPLANE_DPOP_REQUIRE_NONCE"] = "1",
            ["AUTHPLANE_DPOP_NONCE_KEY"] = "bm9uY2Uta2V5LW5vbmNlLWtleS1ub25jZS1rZXktMzI=",
            ["AUTHPLANE_CLOCK_SKEW_SECONDS"] = "45",
            ["AUTHPLANE_ALLOWED_ALGORITHMS"] = "ES256, RS256",
        });

        Assert.Equal("http://localhost:9000", options.Issuer);
        Assert.Equal("http://localhost:5000/mcp", options.Resource);
        Assert.Equal(["calendar:read", "calendar:write", "mail:send"], options.Scopes);
        Assert.Equal("mcp-server", options.ClientId);
        Assert.Equal("s3cret", options.ClientSecret);
        Assert.True(options.DevMode);
        Assert.Equal("calendar", options.Realm);
        Assert.Equal(DPoPMode.Required, options.DPoP.Mode);
        Assert.True(options.DPoP.RequireNonce);
        Assert.Equal("bm9uY2Uta2V5LW5vbmNlLWtleS1ub25jZS1rZXktMzI=", options.DPoP.NonceKey);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ClockSkew);
        Assert.Equal(["ES256", "RS256"], options.AllowedAlgorithms);
    }

    [Fact]
    public void Flat_variables_win_over_the_section()
    {
        var options = Options(new()
        {
            ["AuthPlane:Issuer"] = "https://section.example.com",
            ["AuthPlane:DPoP:Mode"] = "Required",
            ["AuthPlane:Scopes:0"] = "from-section",
            ["AUTHPLANE_ISSUER"] = "https://flat.example.com",
            ["AUTHPLANE_DPOP"] = "disabled",
            ["AUTHPLANE_SCOPES"] = "from-flat",
        });

        Assert.Equal("https://flat.example.com", options.Issuer);
        Assert.Equal(DPoPMode.Disabled, options.DPoP.Mode);
        Assert.Equal(["from-flat"], options.Scopes);
    }

    [Theory]
    [InlineData("AUTHPLANE_ISSUER", "", "AuthPlane:Issuer (AUTHPLANE_ISSUER) is required")]
    [InlineData("AUTHPLANE_RESOURCE", "https://api.example.com/mcp#tools", "AuthPlane:Resource (AUTHPLANE_RESOURCE) must not contain a fragment")]
    [InlineData("AUTHPLANE_ISSUER", "http://auth.example.com", "AuthPlane:Issuer (AUTHPLANE_ISSUER) must use https")]
    public async Task A_misconfigured_host_fails_to_start_with_a_message_naming_the_setting(string variable, string value, string expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AUTHPLANE_ISSUER"] = "https://auth.example.com",
            ["AUTHPLANE_RESOURCE"] = "https://api.example.com/mcp",
            [variable] = value,
        });
        builder.Services.AddAuthPlane(builder.Configuration);
        await using var app = builder.Build();
        app.UseAuthPlane();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, message => message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_dpop_mode_fails_start_up_naming_the_variable()
    {
        var failure = StartupFailure(new() { ["AUTHPLANE_DPOP"] = "sometimes" });

        Assert.Contains("AUTHPLANE_DPOP has an invalid value 'sometimes': use disabled, allowed or required.", failure.Failures);
    }

    [Fact]
    public void Invalid_booleans_and_numbers_fail_start_up_naming_each_variable()
    {
        var failure = StartupFailure(new()
        {
            ["AUTHPLANE_DEV_MODE"] = "maybe",
            ["AUTHPLANE_DPOP_REQUIRE_NONCE"] = "often",
            ["AUTHPLANE_CLOCK_SKEW_SECONDS"] = "thirty",
        });

        Assert.Contains("AUTHPLANE_DEV_MODE has an invalid value 'maybe': use true or false.", failure.Failures);
        Assert.Contains("AUTHPLANE_DPOP_REQUIRE_NONCE has an invalid value 'often': use true or false.", failure.Failures);
        Assert.Contains("AUTHPLANE_CLOCK_SKEW_SECONDS has an invalid value 'thirty': use a whole number of seconds from 0 to 300.", failure.Failures);
    }

    [Fact]
    public void AspNetCore_settings_bind_from_the_section_and_are_validated_at_start_up()
    {
        using var good = Build(new()
        {
            ["AuthPlane:HideToolsWithoutScope"] = "true",
            ["AuthPlane:MaxRequestBodyBytes"] = "2048",
            ["AuthPlane:AllowedOrigins:0"] = "https://app.example.com",
        });
        var options = good.GetRequiredService<IOptions<AuthPlaneAspNetCoreOptions>>().Value;
        Assert.True(options.HideToolsWithoutScope);
        Assert.Equal(2048, options.MaxRequestBodyBytes);
        Assert.Equal(["https://app.example.com"], options.AllowedOrigins);

        using var bad = Build(new()
        {
            ["AuthPlane:MaxRequestBodyBytes"] = "0",
            ["AuthPlane:AllowedOrigins:0"] = "https://app.example.com/path",
        });
        var failure = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AuthPlane:MaxRequestBodyBytes must be a positive number of bytes (default 1048576).", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("AuthPlane:AllowedOrigins contains 'https://app.example.com/path'", StringComparison.Ordinal));
    }

    [Fact]
    public void AuthPlane_becomes_the_default_scheme_when_none_is_set()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<AuthenticationOptions>>().Value;

        Assert.Equal(AuthPlaneAuthenticationDefaults.AuthenticationScheme, options.DefaultScheme);
        Assert.Equal(AuthPlaneAuthenticationDefaults.AuthenticationScheme, options.DefaultChallengeScheme);
        Assert.Contains(options.Schemes, s => s.Name == "AuthPlane" && s.HandlerType == typeof(AuthPlaneAuthenticationHandler));
    }

    [Fact]
    public void An_existing_default_scheme_is_kept()
    {
        using var provider = Build([], services => services.AddAuthentication("Other"));

        Assert.Equal("Other", provider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
    }

    [Fact]
    public void Invalid_section_value_fails_start_up_naming_the_setting()
    {
        using var provider = Build(new() { ["AuthPlane:DPoP:Mode"] = "sometimes" });

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AuthPlane:DPoP:Mode", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_configuration_is_applied_after_section_and_flat_variables()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuthPlane:Realm"] = "section",
            ["AUTHPLANE_REALM"] = "flat",
            ["AUTHPLANE_ISSUER"] = "https://auth.example.com",
            ["AUTHPLANE_RESOURCE"] = "https://api.example.com/mcp",
        }).Build();
        var services = new ServiceCollection();
        services.AddAuthPlane(configuration, options => options.Realm = "code");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value;

        Assert.Equal("code", options.Realm);
        Assert.Equal("https://auth.example.com", options.Issuer);
    }
}
