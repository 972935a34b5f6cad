using AuthPlane.Sdk.AspNetCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AuthPlane's readiness to ASP.NET Core health checks.</summary>
public static class AuthPlaneHealthCheckBuilderExtensions
{
    /// <summary>The default name of the check: <c>authplane-authority</c>.</summary>
    public const string DefaultName = "authplane-authority";

    /// <summary>
    /// Adds a check that the authority's metadata and signing keys are loaded and fresh: healthy when they are,
    /// degraded while the last good keys are used past their lifetime, unhealthy while tokens would be answered 503.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags, for example <c>ready</c>, to filter checks by endpoint.</param>
    public static IHealthChecksBuilder AddAuthPlane(this IHealthChecksBuilder builder, string name = DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<AuthPlaneAuthorityHealthCheck>(name, HealthStatus.Unhealthy, tags ?? []);
    }
}
