using AuthPlane.Sdk;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the outbound AuthPlane OAuth client.</summary>
public static class AuthPlaneClientServiceCollectionExtensions
{
    private const string PipelineName = "authplane-oauth";

    /// <summary>
    /// Registers <see cref="IAuthPlaneOAuthClient"/>, the cache of exchanged tokens, the
    /// <see cref="DPoPProofProvider"/> and the named <see cref="HttpClient"/> with a resilience pipeline: a circuit
    /// breaker that opens on repeated 5xx answers and transport failures only (consent and other 4xx answers never
    /// count) and a per-attempt timeout. Nothing is retried. An <c>IAuthorityMetadataProvider</c> must be registered too.
    /// Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddAuthPlaneClient(this IServiceCollection services, Action<AuthPlaneClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AuthPlaneOptions>();
        var options = services.AddOptions<AuthPlaneClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(IAuthPlaneOAuthClient)))
        {
            return services; // already registered; only the options callback above is added
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthPlaneClientOptions>, AuthPlaneClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DPoPProofProvider(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AuthPlaneClientOptions>>().Value.DPoPProofLifetime));
        services.TryAddSingleton<ExchangedTokenCache>();
        services.TryAddSingleton<IAuthPlaneOAuthClient, AuthPlaneOAuthClient>();

        // Same primary handler as discovery: no redirects (a 307 would replay the caller's subject_token and this
        // server's credentials to wherever it points) and, outside dev mode, no loopback or private addresses.
        services.AddHttpClient(AuthPlaneOAuthClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static provider =>
                AuthorityHttpHandler.Create(provider.GetRequiredService<IOptions<AuthPlaneOptions>>().Value.DevMode))
            .AddResilienceHandler(PipelineName, static (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<AuthPlaneClientOptions>>().Value;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = settings.CircuitBreakerFailureRatio,
                    MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                    SamplingDuration = settings.CircuitBreakerSamplingDuration,
                    BreakDuration = settings.CircuitBreakerBreakDuration,
                    ShouldHandle = static args => ValueTask.FromResult(IsAuthorityFailure(args.Outcome)),
                });
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
            });

        return services;
    }

    // Only the authority failing counts: a 5xx, a transport error or a timed-out attempt. Consent and other
    // 4xx policy answers are the authority working as intended.
    private static bool IsAuthorityFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (int)response.StatusCode >= 500);
}
