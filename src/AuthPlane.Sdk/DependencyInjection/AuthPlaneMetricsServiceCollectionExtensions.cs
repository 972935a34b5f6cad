using AuthPlane.Sdk.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SDK's instruments.</summary>
public static class AuthPlaneMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK's instruments (meter <see cref="AuthPlaneDiagnostics.MeterName"/>) on the host's <c>IMeterFactory</c>
    /// (added when missing) and <see cref="TimeProvider.System"/> unless a clock is registered. The other <c>AddAuthPlane…</c> methods call it.
    /// </summary>
    public static IServiceCollection AddAuthPlaneMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AuthPlaneMetrics>();
        return services;
    }
}
