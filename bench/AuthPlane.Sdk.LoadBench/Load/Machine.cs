using System.Runtime.InteropServices;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>The machine the benchmark runs on, and how it reads a process's CPU time.</summary>
internal static partial class Machine
{
    private const int ScClkTck = 2;
    private static readonly long s_ticksPerSecond = sysconf(ScClkTck);

    /// <summary>The CPU model from <c>/proc/cpuinfo</c>.</summary>
    public static string CpuModel =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(static line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    /// <summary>One line describing the machine: cores, CPU model, .NET version.</summary>
    public static string Describe() => $"{Environment.ProcessorCount} cores (nproc), {CpuModel}, .NET {Environment.Version}, {RuntimeInformation.OSDescription}";

    /// <summary>User plus system CPU time of process <paramref name="pid"/> so far, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / s_ticksPerSecond);
    }

    /// <summary>Sends SIGINT to <paramref name="pid"/> (wrk then stops and prints its summary).</summary>
    public static void Interrupt(int pid) => _ = kill(pid, 2);

    [LibraryImport("libc", SetLastError = true)]
    private static partial long sysconf(int name);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
