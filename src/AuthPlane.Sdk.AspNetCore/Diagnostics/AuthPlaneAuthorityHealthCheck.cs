using System.Globalization;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthPlane.Sdk.AspNetCore.Diagnostics;

/// <summary>
/// Reports whether this server can verify tokens: the authority's metadata and signing keys are loaded (healthy),
/// in use past their cache lifetime because refreshes fail (degraded), or missing or past their maximum age, so that
/// requests are answered 503 (unhealthy). A check also loads the keys when they are missing or due, through the key
/// store's one refresh gate (it joins a fetch in flight and respects the back-off), so a recovered authority is seen.
/// </summary>
internal sealed class AuthPlaneAuthorityHealthCheck(IAuthorityMetadataProvider metadata, ISigningKeyStore keys) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await keys.LoadAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>();
        if (keys.LastSuccessfulFetch is { } fetched)
        {
            data["jwks_last_success"] = fetched.ToString("O", CultureInfo.InvariantCulture);
        }

        string? metadataProblem = null;
        try
        {
            _ = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AuthPlaneAuthorityMetadataException ex)
        {
            metadataProblem = ex.Message;
        }

        return status switch
        {
            SigningKeyStoreStatus.Unavailable => HealthCheckResult.Unhealthy(
                metadataProblem ?? "The authority's signing keys are not loaded (or are past their maximum age): tokens are answered 503.",
                data: data),
            SigningKeyStoreStatus.Stale => HealthCheckResult.Degraded(
                "The authority's signing keys are past their cache lifetime; the last good keys are in use while refreshes fail.",
                data: data),
            _ => HealthCheckResult.Healthy("The authority's metadata and signing keys are loaded.", data),
        };
    }
}
