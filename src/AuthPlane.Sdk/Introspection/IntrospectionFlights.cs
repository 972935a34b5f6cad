using System.Collections.Concurrent;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Introspection;

/// <summary>The introspection calls in progress, by token hash, so concurrent requests for one token share one call.</summary>
internal sealed class IntrospectionFlights
{
    private readonly ConcurrentDictionary<TokenHash, Task<IntrospectionOutcome>> _running = new();

    /// <summary>
    /// Joins the call in progress for <paramref name="key"/>, or starts one with <paramref name="introspect"/>. The
    /// call stops being joinable only after <paramref name="introspect"/> has completed.
    /// </summary>
    public Task<IntrospectionOutcome> JoinOrStart(TokenHash key, Func<Task<IntrospectionOutcome>> introspect)
    {
        if (_running.TryGetValue(key, out var running))
        {
            return running;
        }

        var started = new TaskCompletionSource<IntrospectionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _running.GetOrAdd(key, started.Task);
        if (ReferenceEquals(flight, started.Task))
        {
            _ = RunAsync(key, started, introspect);
        }

        return flight;
    }

    private async Task RunAsync(TokenHash key, TaskCompletionSource<IntrospectionOutcome> started, Func<Task<IntrospectionOutcome>> introspect)
    {
        try
        {
            started.SetResult(await introspect().ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Any failure is handed to every waiting request; none may be lost in a fire-and-forget task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            started.SetException(ex);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<TokenHash, Task<IntrospectionOutcome>>(key, started.Task));
        }
    }
}
