using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// The xunit test framework of this assembly: xunit's own, with an executor that writes the conformance
/// report after every run (see <see cref="ConformanceReportingMessageSink"/>).
/// </summary>
public sealed class ConformanceTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new ConformanceTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
