using AuthPlane.Sdk.AspNetCore.TokenExchange;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IAuthPlaneTokenExchange"/>.</summary>
public static class AuthPlaneTokenExchangeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuthPlaneTokenExchange"/> for tools, together with the outbound OAuth client
    /// (<see cref="AuthPlaneClientServiceCollectionExtensions.AddAuthPlaneClient"/>) and <c>IHttpContextAccessor</c>.
    /// </summary>
    public static IServiceCollection AddAuthPlaneTokenExchange(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpContextAccessor();
        services.AddAuthPlaneClient();
        services.AddAuthPlaneMetrics();
        services.TryAddSingleton<IAuthPlaneTokenExchange, AuthPlaneTokenExchange>();
        return services;
    }
}
