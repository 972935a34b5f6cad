using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>The sample as its own process, as <c>dotnet run</c> starts it: it hosts the dev authority, and must still stop on SIGTERM.</summary>
public sealed class SampleProcessTests
{
    [Fact]
    public async Task The_process_hosting_the_dev_authority_stops_on_sigterm()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a POSIX signal; this suite runs on Linux.");
        var port = SampleHost.FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "AuthPlane.Sample.McpServer.dll"),
                     "--urls", $"http://127.0.0.1:{port}",
                     "--dev-authority", "--DevAuthority:Port=0", "--DevAuthority:StateDirectory=",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("MCP endpoint:", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token); // throws (the test fails) if SIGTERM was ignored
            Assert.True(process.HasExited);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
