using System.Reflection;
using System.Reflection.Emit;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Drives the sink with real xunit execution messages for methods of a type emitted at run time (so the fixture's
/// case ids never count as registrations of this assembly).
/// </summary>
public sealed class ConformanceReportingMessageSinkTests
{
    private static readonly Type Fixture = EmitFixture();

    [Fact]
    public void Forwards_every_message_and_reports_the_results_of_tagged_tests_when_the_assembly_finishes()
    {
        var inner = new RecordingSink();
        var finished = new List<(IReadOnlyDictionary<string, ConformanceCaseResult> Results, bool AnyFailure)>();
        var sink = new ConformanceReportingMessageSink(inner, (results, anyFailure) => finished.Add((results, anyFailure)));
        IMessageSinkMessage[] messages =
        [
            new TestPassed(Test("Passes"), 0.01m, null),
            new TestFailed(Test("Fails"), 0.01m, null, ["Xunit.Sdk.EqualException"], ["Assert.Equal() Failure"], [""], [-1]),
            new TestSkipped(Test("Skipped"), "Pending: inbound DPoP"),
            new TestPassed(Test("Untagged"), 0.01m, null),
            AssemblyFinished(testsFailed: 1),
        ];

        foreach (var message in messages)
        {
            Assert.True(sink.OnMessage(message));
        }

        Assert.Equal(messages, inner.Messages);
        var (results, anyFailure) = Assert.Single(finished);
        Assert.True(anyFailure);
        Assert.Equal(["case-failed", "case-passed", "case-skipped"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new ConformanceCaseResult("passed", "full", null, null), results["case-passed"]);
        Assert.Equal(new ConformanceCaseResult("failed", "full", null, "Fixture.Fails: Xunit.Sdk.EqualException: Assert.Equal() Failure"), results["case-failed"]);
        Assert.Equal(new ConformanceCaseResult("skipped", "none", "Pending: inbound DPoP", null), results["case-skipped"]);
    }

    [Fact]
    public void A_run_without_failures_reports_no_failure()
    {
        var anyFailure = true;
        var sink = new ConformanceReportingMessageSink(new RecordingSink(), (_, failed) => anyFailure = failed);

        sink.OnMessage(new TestPassed(Test("Passes"), 0.01m, null));
        sink.OnMessage(AssemblyFinished(testsFailed: 0));

        Assert.False(anyFailure);
    }

    [Fact]
    public void An_error_outside_any_test_counts_as_a_failure_of_the_run()
    {
        var anyFailure = false;
        var sink = new ConformanceReportingMessageSink(new RecordingSink(), (_, failed) => anyFailure = failed);

        sink.OnMessage(new ErrorMessage([], ["System.InvalidOperationException"], ["fixture disposal failed"], [""], [-1]));
        sink.OnMessage(AssemblyFinished(testsFailed: 0));

        Assert.True(anyFailure);
    }

    private static XunitTest Test(string methodName)
    {
        var assembly = new TestAssembly(Reflector.Wrap(Fixture.Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "fixture"), Reflector.Wrap(Fixture));
        var testMethod = new TestMethod(testClass, Reflector.Wrap(Fixture.GetMethod(methodName)!));
        var testCase = new XunitTestCase(new RecordingSink(), TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, testMethod);
        return new XunitTest(testCase, $"Fixture.{methodName}");
    }

    private static TestAssemblyFinished AssemblyFinished(int testsFailed) =>
        new([], new TestAssembly(Reflector.Wrap(Fixture.Assembly)), 0.1m, testsRun: 4, testsFailed, testsSkipped: 1);

    private static Type EmitFixture()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("ConformanceSinkFixture"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("ConformanceSinkFixture").DefineType("Fixture", TypeAttributes.Public | TypeAttributes.Sealed);
        var caseAttribute = typeof(ConformanceCaseAttribute).GetConstructor([typeof(string)])!;
        foreach (var (name, caseId) in new[] { ("Passes", "case-passed"), ("Fails", "case-failed"), ("Skipped", "case-skipped"), ("Untagged", null) })
        {
            var method = type.DefineMethod(name, MethodAttributes.Public, typeof(void), Type.EmptyTypes);
            if (caseId is not null)
            {
                method.SetCustomAttribute(new CustomAttributeBuilder(caseAttribute, [caseId]));
            }

            method.GetILGenerator().Emit(OpCodes.Ret);
        }

        return type.CreateType();
    }

    private sealed class RecordingSink : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<IMessageSinkMessage> Messages { get; } = [];

        public bool OnMessage(IMessageSinkMessage message)
        {
            Messages.Add(message);
            return true;
        }
    }
}
