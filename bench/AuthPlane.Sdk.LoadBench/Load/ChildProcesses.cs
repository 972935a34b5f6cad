using System.Collections.Concurrent;
using System.Diagnostics;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>
/// Every process the driver starts (servers, wrk), killed when the driver exits, is interrupted or fails. The
/// servers also exit by themselves once the driver is gone (they watch its process id).
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> s_running = new();

    /// <summary>Kills every child when the driver exits or gets Ctrl+C.</summary>
    public static void KillAllOnExit()
    {
        AppDomain.CurrentDomain.ProcessExit += static (_, _) => KillAll();
        Console.CancelKeyPress += static (_, _) => KillAll();
    }

    /// <summary>Starts <paramref name="startInfo"/> and tracks the process.</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {startInfo.FileName}");
        s_running[process.Id] = process;
        return process;
    }

    /// <summary>Kills <paramref name="process"/> (and its children) if it still runs, and stops tracking it.</summary>
    public static async Task StopAsync(Process process)
    {
        s_running.TryRemove(process.Id, out _);
        Kill(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"process {process.Id} did not exit within 10 s of SIGKILL");
        }

        process.Dispose();
    }

    /// <summary>Kills every tracked process.</summary>
    public static void KillAll()
    {
        foreach (var process in s_running.Values)
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
