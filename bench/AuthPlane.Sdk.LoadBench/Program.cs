using System.Globalization;
using AuthPlane.Sdk.LoadBench.Load;
using AuthPlane.Sdk.LoadBench.Server;

// `serve …` runs one benchmarked server (started by the driver); anything else runs the load driver.
if (args.Length > 0 && args[0] == "serve")
{
    await BenchServer.RunAsync(ServerArguments.Parse(args[1..]));
    return 0;
}

// Reports and logs format numbers the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadSettings.Usage);
    return 0;
}

LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine("wrk is not installed: on Debian or Ubuntu run `sudo apt-get install -y wrk`, then run this again.");
    return 2;
}

ChildProcesses.KillAllOnExit();
try
{
    var report = await LoadDriver.RunAsync(settings);
    Console.WriteLine(report);
    if (settings.OutputPath is { } path)
    {
        await File.WriteAllTextAsync(path, report);
    }

    return 0;
}
finally
{
    ChildProcesses.KillAll();
}
