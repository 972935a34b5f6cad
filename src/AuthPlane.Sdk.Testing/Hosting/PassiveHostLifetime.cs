using Microsoft.Extensions.Hosting;

namespace AuthPlane.Sdk.Testing.Hosting;

// The authority's host lifetime: starts and stops only when told to. The default console lifetime would register
// Ctrl+C and SIGTERM handlers that cancel the process's termination and stop only the authority's own host, so a
// process hosting a TestAuthority would ignore those signals.
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
