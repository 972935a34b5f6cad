using AuthPlane.Sdk;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.AspNetCore.Configuration;
using AuthPlane.Sdk.AspNetCore.Scopes;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Introspection;
using AuthPlane.Sdk.Metadata;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AuthPlane protection of an ASP.NET Core MCP server.</summary>
public static class AuthPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds AuthPlane with options bound from the <c>AuthPlane</c> section of <paramref name="configuration"/> and
    /// from the flat <c>AUTHPLANE_*</c> variables (which win over the section), validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (for example <c>builder.Configuration</c>).</param>
    /// <param name="configure">Optional code configuration, applied last.</param>
    public static IServiceCollection AddAuthPlane(this IServiceCollection services, IConfiguration configuration, Action<AuthPlaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var binder = new ConfigureAuthPlaneFromConfiguration(configuration);
        services.AddSingleton<IConfigureOptions<AuthPlaneOptions>>(binder);
        services.AddSingleton<IValidateOptions<AuthPlaneOptions>>(binder);
        services.AddOptions<AuthPlaneAspNetCoreOptions>().Bind(configuration.GetSection(AuthPlaneOptions.SectionName));
        services.AddOptions<IntrospectionOptions>().Bind(configuration.GetSection(IntrospectionOptions.SectionName));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.AddAuthPlaneServices();
    }

    /// <summary>Adds AuthPlane with options set in code, validated at start-up.</summary>
    public static IServiceCollection AddAuthPlane(this IServiceCollection services, Action<AuthPlaneOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddAuthPlaneServices();
    }

    /// <summary>Configures the ASP.NET Core integration (body cap, CORS origins, tool hiding, <c>Retry-After</c>).</summary>
    public static IServiceCollection ConfigureAuthPlaneAspNetCore(this IServiceCollection services, Action<AuthPlaneAspNetCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services;
    }

    private static IServiceCollection AddAuthPlaneServices(this IServiceCollection services)
    {
        services.AddOptions<AuthPlaneOptions>().ValidateOnStart();
        services.AddOptions<AuthPlaneAspNetCoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthPlaneAspNetCoreOptions>, AuthPlaneAspNetCoreOptionsValidator>());

        services.AddAuthPlaneCore();          // options validator, discovery, JWKS cache, access-token verifier
        services.AddAuthPlaneDPoP();          // proof validator, nonces, replay cache, IAuthPlaneRequestVerifier
        services.AddAuthPlaneTokenExchange(); // IAuthPlaneTokenExchange for tools (outbound client, exchanged-token cache)
        services.AddAuthPlaneIntrospection(); // revocation check by RFC 7662 introspection, when AuthPlane:Introspection:Enabled
        services.TryAddSingleton(static sp => new ProtectedResourceMetadata(sp.GetRequiredService<IOptions<AuthPlaneOptions>>().Value));
        services.TryAddSingleton(static sp => new AuthPlaneChallenges(
            sp.GetRequiredService<IOptions<AuthPlaneOptions>>().Value,
            (int)sp.GetRequiredService<IOptions<AuthPlaneAspNetCoreOptions>>().Value.RetryAfter.TotalSeconds));
        services.TryAddSingleton<McpEndpointCatalog>();
        services.AddCors();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme ??= AuthPlaneAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme ??= AuthPlaneAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, AuthPlaneAuthenticationHandler>(AuthPlaneAuthenticationDefaults.AuthenticationScheme, displayName: "AuthPlane", configureOptions: null);
        return services;
    }
}
