using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AuthPlane.Sdk.Tests.Conformance;

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
