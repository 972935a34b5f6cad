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

/// <summary>xunit's executor, running test cases through a <see cref="ConformanceReportingMessageSink"/>.</summary>
public sealed class ConformanceTestFrameworkExecutor(
    AssemblyName assemblyName,
    ISourceInformationProvider sourceInformationProvider,
    IMessageSink diagnosticMessageSink)
    : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
        base.RunTestCases(
            testCases,
            new ConformanceReportingMessageSink(executionMessageSink, new ConformanceReportPublisher(DiagnosticMessageSink).Publish),
            executionOptions);
}
