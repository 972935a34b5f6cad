using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AuthPlane.Sdk.Tests.Configuration;

/// <summary>Start-up validation: each failure names the setting (configuration key and environment variable) and the fix.</summary>
public sealed class AuthPlaneOptionsValidatorTests
{
    private static AuthPlaneOptions Valid() => new()
    {
        Issuer = "https://auth.example.com",
        Resource = "https://mcp.example.com/mcp",
    };

    private static string Failure(Action<AuthPlaneOptions> change)
    {
        var options = Valid();
        change(options);
        var result = new AuthPlaneOptionsValidator().Validate(null, options);
        Assert.True(result.Failed, "expected a validation failure");
        return result.FailureMessage;
    }

    [Fact]
    public void Defaults_with_issuer_and_resource_are_valid()
    {
        Assert.True(new AuthPlaneOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void A_missing_issuer_names_the_setting_and_the_fix()
    {
        var message = Failure(o => o.Issuer = null);

        Assert.Contains("AuthPlane:Issuer (AUTHPLANE_ISSUER) is required", message, StringComparison.Ordinal);
        Assert.Contains("e.g. https://auth.example.com", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auth.example.com")]
    [InlineData("/relative")]
    [InlineData("ftp://auth.example.com")]
    public void A_non_url_issuer_is_refused(string issuer)
    {
        Assert.Contains("AuthPlane:Issuer (AUTHPLANE_ISSUER) must be an absolute URL", Failure(o => o.Issuer = issuer), StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_issuer_outside_dev_mode_is_refused_and_the_message_says_how_to_allow_it()
    {
        var message = Failure(o => o.Issuer = "http://auth.example.com");

        Assert.Contains("AuthPlane:Issuer (AUTHPLANE_ISSUER) must use https", message, StringComparison.Ordinal);
        Assert.Contains("AUTHPLANE_DEV_MODE", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_issuer_and_resource_are_allowed_in_dev_mode()
    {
        var options = Valid();
        options.Issuer = "http://127.0.0.1:5000";
        options.Resource = "http://127.0.0.1:6000/mcp";
        options.DevMode = true;

        Assert.True(new AuthPlaneOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://auth.example.com?tenant=a")]
    [InlineData("https://auth.example.com#frag")]
    public void An_issuer_with_a_query_or_fragment_is_refused(string issuer)
    {
        Assert.Contains("AuthPlane:Issuer (AUTHPLANE_ISSUER) must not contain a query or fragment", Failure(o => o.Issuer = issuer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("https://mcp.example.com/mcp#section", "must not contain a fragment")]
    [InlineData("https://user@mcp.example.com/mcp", "must not contain userinfo")]
    [InlineData("/mcp", "must be an absolute http(s) URL")]
    [InlineData("urn:example:mcp", "must be an absolute http(s) URL")]
    [InlineData("http://mcp.example.com/mcp", "must use https")]
    public void A_bad_resource_names_the_setting(string? resource, string problem)
    {
        var message = Failure(o => o.Resource = resource);

        Assert.Contains("AuthPlane:Resource (AUTHPLANE_RESOURCE) " + problem, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public void A_clock_skew_outside_zero_to_five_minutes_is_refused(int seconds)
    {
        var message = Failure(o => o.ClockSkew = TimeSpan.FromSeconds(seconds));

        Assert.Contains("AuthPlane:ClockSkew (AUTHPLANE_CLOCK_SKEW_SECONDS) must be between 0 and 300 seconds", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("HS256")]
    [InlineData("HS512")]
    [InlineData("es256")]
    public void Algorithms_outside_the_asymmetric_set_are_refused(string algorithm)
    {
        var message = Failure(o => o.AllowedAlgorithms = [algorithm]);

        Assert.Contains("AuthPlane:AllowedAlgorithms (AUTHPLANE_ALLOWED_ALGORITHMS) contains", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_algorithm_list_is_refused()
    {
        Assert.Contains("AuthPlane:AllowedAlgorithms (AUTHPLANE_ALLOWED_ALGORITHMS) must list at least one algorithm", Failure(o => o.AllowedAlgorithms = []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void Requiring_nonces_without_a_32_byte_base64_key_is_refused(string? key)
    {
        var message = Failure(o =>
        {
            o.DPoP.RequireNonce = true;
            o.DPoP.NonceKey = key;
        });

        Assert.Contains("AuthPlane:DPoP:NonceKey", message, StringComparison.Ordinal);
        Assert.Contains("AUTHPLANE_DPOP_REQUIRE_NONCE", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requiring_nonces_with_a_32_byte_key_is_valid()
    {
        var options = Valid();
        options.DPoP.RequireNonce = true;
        options.DPoP.NonceKey = Convert.ToBase64String(new byte[32]);

        Assert.True(new AuthPlaneOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void DPoP_settings_out_of_range_are_each_named()
    {
        var message = Failure(o =>
        {
            o.DPoP.AllowedAlgorithms = ["none"];
            o.DPoP.ProofMaxAge = TimeSpan.Zero;
            o.DPoP.ReplayCacheCapacity = 0;
            o.DPoP.Mode = (DPoPMode)42;
        });

        Assert.Contains("AuthPlane:DPoP:AllowedAlgorithms", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:DPoP:ProofMaxAge", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:DPoP:ReplayCacheCapacity", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:DPoP:Mode (AUTHPLANE_DPOP)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16_777_217)]
    [InlineData(int.MaxValue)]
    public void A_replay_cache_too_large_to_allocate_at_start_up_is_named(int capacity)
    {
        var message = Failure(o => o.DPoP.ReplayCacheCapacity = capacity);

        Assert.Contains("AuthPlane:DPoP:ReplayCacheCapacity (AuthPlane__DPoP__ReplayCacheCapacity) must be between 1 and 16777216", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authority_bounds_out_of_range_are_named()
    {
        var message = Failure(o =>
        {
            o.Authority.MinKeysLifetime = TimeSpan.FromHours(2);
            o.Authority.MaxKeysLifetime = TimeSpan.FromHours(1);
            o.Authority.UnknownKeyRefreshInterval = TimeSpan.Zero;
            o.Authority.HttpTimeout = TimeSpan.Zero;
            o.Authority.MaxResponseBytes = 10;
        });

        Assert.Contains("AuthPlane:Authority:MinKeysLifetime", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:Authority:UnknownKeyRefreshInterval", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:Authority:HttpTimeout", message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:Authority:MaxResponseBytes", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://mcp.example.com/mcp", false, true)]
    [InlineData("https://mcp.example.com", false, true)]
    [InlineData("https://mcp.example.com:8443/a/b?x=1", false, true)]
    [InlineData("http://localhost:5000/mcp", true, true)]
    [InlineData("http://localhost:5000/mcp", false, false)]
    [InlineData("https://mcp.example.com/mcp#f", true, false)]
    [InlineData("https://a:b@mcp.example.com/mcp", true, false)]
    [InlineData("mcp.example.com/mcp", true, false)]
    [InlineData("", true, false)]
    public void ResourceUri_validation(string value, bool devMode, bool valid)
    {
        Assert.Equal(valid, ResourceUri.TryValidate(value, devMode, out var error));
        Assert.Equal(valid, error.Length == 0);
    }

    [Fact]
    public void AddAuthPlaneCore_registers_the_validator_so_bad_settings_fail_on_first_use()
    {
        var services = new ServiceCollection();
        services.AddAuthPlaneCore();
        services.Configure<AuthPlaneOptions>(o => o.Resource = "https://mcp.example.com/mcp#frag");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAccessTokenVerifier>());

        Assert.Contains("AuthPlane:Issuer (AUTHPLANE_ISSUER) is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:Resource (AUTHPLANE_RESOURCE) must not contain a fragment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAuthPlaneCore_registers_singletons_and_keeps_a_registered_time_provider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddAuthPlaneCore();
        services.AddAuthPlaneCore();
        services.Configure<AuthPlaneOptions>(o =>
        {
            o.Issuer = "https://auth.example.com";
            o.Resource = "https://mcp.example.com/mcp";
        });
        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<IAccessTokenVerifier>(), provider.GetRequiredService<IAccessTokenVerifier>());
        Assert.Single(provider.GetServices<IValidateOptions<AuthPlaneOptions>>());
        Assert.NotNull(provider.GetRequiredService<AuthPlane.Sdk.Discovery.IAuthorityMetadataProvider>());
    }
}
