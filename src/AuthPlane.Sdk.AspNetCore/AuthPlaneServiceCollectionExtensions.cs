using AuthPlane.Sdk;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.AspNetCore.Configuration;
using AuthPlane.Sdk.Introspection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AuthPlane protection of an ASP.NET Core MCP server.</summary>
public static class AuthPlaneServiceCollectionExtensions
{
    /// <summary>
    /// The two-line path: binds the options (see <see cref="ConfigureAuthPlane(IServiceCollection, IConfiguration, Action{AuthPlaneOptions}?)"/>)
    /// and adds the AuthPlane authentication scheme as the default scheme and default challenge scheme (unless
    /// the app already chose others).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (for example <c>builder.Configuration</c>).</param>
    /// <param name="configure">Optional code configuration, applied last.</param>
    public static IServiceCollection AddAuthPlane(this IServiceCollection services, IConfiguration configuration, Action<AuthPlaneOptions>? configure = null)
    {
        services.ConfigureAuthPlane(configuration, configure);
        return services.AddDefaultAuthPlaneScheme();
    }

    /// <summary>Adds AuthPlane with options set in code, validated at start-up, as the default scheme.</summary>
    public static IServiceCollection AddAuthPlane(this IServiceCollection services, Action<AuthPlaneOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddDefaultAuthPlaneScheme();
    }

    /// <summary>
    /// Binds <see cref="AuthPlaneOptions"/> (and the ASP.NET Core and introspection settings) from the <c>AuthPlane</c>
    /// section of <paramref name="configuration"/> and from the flat <c>AUTHPLANE_*</c> variables (which win over the
    /// section), validated at start-up. A list in configuration replaces its default. Use it with
    /// <c>AddAuthentication().AddAuthPlane(scheme, ...)</c> when AuthPlane is not the app's default scheme.
    /// </summary>
    public static IServiceCollection ConfigureAuthPlane(this IServiceCollection services, IConfiguration configuration, Action<AuthPlaneOptions>? configure = null)
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

        return services;
    }

    /// <summary>Configures the ASP.NET Core integration (body cap, CORS origins, tool hiding, <c>Retry-After</c>, public MCP opt-out).</summary>
    public static IServiceCollection ConfigureAuthPlaneAspNetCore(this IServiceCollection services, Action<AuthPlaneAspNetCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services;
    }

    private static IServiceCollection AddDefaultAuthPlaneScheme(this IServiceCollection services)
    {
        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme ??= AuthPlaneAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme ??= AuthPlaneAuthenticationDefaults.AuthenticationScheme;
            })
            .AddAuthPlane();
        return services;
    }
}
