using AuthPlane.Sdk;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.AspNetCore.Configuration;
using AuthPlane.Sdk.AspNetCore.Diagnostics;
using AuthPlane.Sdk.AspNetCore.Scopes;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Authentication;

/// <summary>Adds the AuthPlane authentication scheme to an <see cref="AuthenticationBuilder"/>, beside any other scheme.</summary>
public static class AuthPlaneAuthenticationBuilderExtensions
{
    /// <summary>Adds the AuthPlane scheme named <c>AuthPlane</c>.</summary>
    public static AuthenticationBuilder AddAuthPlane(this AuthenticationBuilder builder) =>
        builder.AddAuthPlane(AuthPlaneAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the AuthPlane scheme named <c>AuthPlane</c> with per-scheme options (events, claims mapping).</summary>
    public static AuthenticationBuilder AddAuthPlane(this AuthenticationBuilder builder, Action<AuthPlaneAuthenticationOptions>? configure) =>
        builder.AddAuthPlane(AuthPlaneAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds an AuthPlane scheme named <paramref name="scheme"/>. The token rules come from the shared
    /// <see cref="AuthPlaneOptions"/> (for example <c>services.ConfigureAuthPlane(configuration)</c>); the scheme runs
    /// only when asked: as the default scheme, or named by endpoint metadata or an authorization policy.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="configure">Per-scheme options: events, claims mapping.</param>
    public static AuthenticationBuilder AddAuthPlane(this AuthenticationBuilder builder, string scheme, Action<AuthPlaneAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        AddServices(builder.Services, scheme);
        return builder.AddScheme<AuthPlaneAuthenticationOptions, AuthPlaneAuthenticationHandler>(scheme, displayName: "AuthPlane", configure);
    }

    private static void AddServices(IServiceCollection services, string scheme)
    {
        services.AddSingleton(new AuthPlaneSchemeName(scheme));
        services.AddOptions<AuthPlaneOptions>().ValidateOnStart();
        services.AddOptions<AuthPlaneAspNetCoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthPlaneAspNetCoreOptions>, AuthPlaneAspNetCoreOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AuthPlaneOptions>, DeclaredScopesPostConfigure>());

        services.AddAuthPlaneCore();          // options validator, discovery, JWKS cache, access-token verifier
        services.AddAuthPlaneDPoP();          // proof validator, nonces, replay cache, IAuthPlaneRequestVerifier
        services.AddAuthPlaneTokenExchange(); // IAuthPlaneTokenExchange for tools (outbound client, exchanged-token cache)
        services.AddAuthPlaneIntrospection(); // revocation check by RFC 7662 introspection, when AuthPlane:Introspection:Enabled
        services.TryAddSingleton(static sp => new ProtectedResourceMetadataDocument(sp.GetRequiredService<IOptions<AuthPlaneOptions>>().Value));
        services.TryAddSingleton(static sp => new AuthPlaneChallenges(
            sp.GetRequiredService<IOptions<AuthPlaneOptions>>().Value,
            sp.GetRequiredService<IOptions<AuthPlaneAspNetCoreOptions>>().Value.RetryAfter));
        services.TryAddSingleton<McpEndpointCatalog>();
        services.TryAddSingleton<RejectionDiagnostics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>());
        services.TryAddSingleton<ScopeAwareAuthorizationResultHandler>();
        // Takes the place of ASP.NET Core's default result handler only (an app's own handler stays).
        foreach (var standard in services.Where(static d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler)
            && d.ImplementationType == typeof(AuthorizationMiddlewareResultHandler)).ToList())
        {
            services.Remove(standard);
        }

        services.TryAddSingleton<IAuthorizationMiddlewareResultHandler>(static sp => sp.GetRequiredService<ScopeAwareAuthorizationResultHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, McpWiringCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuthPlaneWarmup>()); // metadata and keys fetched at start
        services.AddCors();
        services.AddAuthorization();
    }
}
