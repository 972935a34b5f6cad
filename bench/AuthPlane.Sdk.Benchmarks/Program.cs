using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `-- --filter '*AccessTokenValidation*'` or `-- --list flat`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
