using System.Diagnostics;
using AuthPlane.Sdk.Keys;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Diagnostics;

/// <summary>
/// Loads the authority's metadata and signing keys in the background as the host starts, so the first request does
/// not wait for them (and the health check reports readiness). Start-up itself never waits: an authority that is down
/// only means the first requests answer 503 until it answers, as without warm-up. Turned off by
/// <see cref="AuthPlaneAspNetCoreOptions.WarmUp"/>.
/// </summary>
internal sealed partial class AuthPlaneWarmup(
    ISigningKeyStore keys,
    IOptions<AuthPlaneAspNetCoreOptions> options,
    ILogger<AuthPlaneWarmup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _warming;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUp)
        {
            _warming = Task.Run(WarmAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_warming is { } warming)
        {
            await warming.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task WarmAsync()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var status = await keys.LoadAsync(_stopping.Token).ConfigureAwait(false);
            if (status == SigningKeyStoreStatus.Unavailable)
            {
                WarmupFailed(logger);
            }
            else
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                WarmedUp(logger, elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The host stopped before the authority answered.
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "AuthPlane warm-up: the authority's metadata and signing keys are loaded ({ElapsedMs:F0} ms)")]
    private static partial void WarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "AuthPlane warm-up could not load the authority's signing keys; requests needing a token answer 503 until the authority answers (see the earlier authority log lines)")]
    private static partial void WarmupFailed(ILogger logger);
}
