using System.Collections.Concurrent;
using Xunit;
using Xunit.Abstractions;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Wraps xunit's execution message sink: forwards every message unchanged (so runners show their normal output)
/// while recording the results of tests carrying <see cref="ConformanceCaseAttribute"/>, and hands the aggregated
/// results to <paramref name="onAssemblyFinished"/> when the assembly finishes, before the runner hears that it finished.
/// </summary>
/// <param name="inner">The runner's sink.</param>
/// <param name="onAssemblyFinished">Receives the results by case id and whether anything in the run failed.</param>
public sealed class ConformanceReportingMessageSink(
    IMessageSink inner,
    Action<IReadOnlyDictionary<string, ConformanceCaseResult>, bool> onAssemblyFinished)
    : LongLivedMarshalByRefObject, IMessageSink
{
    private readonly ConformanceResultCollector _collector = new();
    private readonly ConcurrentDictionary<string, string?> _caseIdByMethod = new(StringComparer.Ordinal);
    private int _otherFailures;

    /// <inheritdoc />
    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed passed:
                Record(passed, ConformanceTestOutcome.Passed, null);
                break;
            case ITestFailed failed:
                Record(failed, ConformanceTestOutcome.Failed, DescribeFailure(failed));
                break;
            case ITestSkipped skipped:
                Record(skipped, ConformanceTestOutcome.Skipped, skipped.Reason);
                break;
            case IFailureInformation:
                // Cleanup failures and runner errors fail the run without failing a test.
                Interlocked.Increment(ref _otherFailures);
                break;
            case ITestAssemblyFinished finished:
                onAssemblyFinished(_collector.Aggregate(), finished.TestsFailed > 0 || Volatile.Read(ref _otherFailures) > 0);
                break;
        }

        return inner.OnMessage(message);
    }

    private static string DescribeFailure(ITestFailed failed)
    {
        var exceptionType = failed.ExceptionTypes.FirstOrDefault() ?? "failure";
        var text = failed.Messages.FirstOrDefault() ?? string.Empty;
        return $"{failed.Test.DisplayName}: {exceptionType}: {text}".TrimEnd();
    }

    private void Record(ITestResultMessage result, ConformanceTestOutcome outcome, string? detail)
    {
        var caseId = CaseIdOf(result.TestMethod);
        if (caseId is not null)
        {
            _collector.Record(caseId, outcome, detail);
        }
    }

    private string? CaseIdOf(ITestMethod testMethod) =>
        _caseIdByMethod.GetOrAdd(
            $"{testMethod.TestClass.Class.Name}.{testMethod.Method.Name}",
            static (_, method) => method
                .GetCustomAttributes(typeof(ConformanceCaseAttribute))
                .Select(attribute => attribute.GetConstructorArguments().FirstOrDefault() as string)
                .FirstOrDefault(),
            testMethod.Method);
}
