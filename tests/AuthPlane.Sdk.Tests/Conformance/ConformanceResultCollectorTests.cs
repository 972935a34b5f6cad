using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

public sealed class ConformanceResultCollectorTests
{
    [Fact]
    public void A_case_whose_rows_all_passed_is_passed_with_full_coverage()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("case", ConformanceTestOutcome.Passed, null);
        collector.Record("case", ConformanceTestOutcome.Passed, null);

        Assert.Equal(new ConformanceCaseResult("passed", "full", null, null), collector.Aggregate()["case"]);
    }

    [Fact]
    public void A_case_with_one_failed_row_among_passes_is_failed_with_that_message()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("case", ConformanceTestOutcome.Passed, null);
        collector.Record("case", ConformanceTestOutcome.Failed, "row 2: expected X");
        collector.Record("case", ConformanceTestOutcome.Passed, null);

        Assert.Equal(new ConformanceCaseResult("failed", "full", null, "1 of 3 rows failed. row 2: expected X"), collector.Aggregate()["case"]);
    }

    [Fact]
    public void A_single_failed_test_keeps_its_message_unchanged()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("case", ConformanceTestOutcome.Failed, "expected X");

        Assert.Equal("expected X", collector.Aggregate()["case"].FailureMessage);
    }

    [Fact]
    public void A_skipped_case_has_no_coverage_and_the_skip_reason_as_note()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("case", ConformanceTestOutcome.Skipped, "Pending: outbound OAuth client");

        Assert.Equal(new ConformanceCaseResult("skipped", "none", "Pending: outbound OAuth client", null), collector.Aggregate()["case"]);
    }

    [Fact]
    public void A_case_with_passed_and_skipped_rows_is_passed_with_partial_coverage()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("case", ConformanceTestOutcome.Passed, null);
        collector.Record("case", ConformanceTestOutcome.Skipped, "needs Redis");

        Assert.Equal(new ConformanceCaseResult("passed", "partial", "1 of 2 rows skipped: needs Redis", null), collector.Aggregate()["case"]);
    }

    [Fact]
    public void Cases_are_aggregated_independently()
    {
        var collector = new ConformanceResultCollector();
        collector.Record("a", ConformanceTestOutcome.Failed, "boom");
        collector.Record("b", ConformanceTestOutcome.Passed, null);

        var results = collector.Aggregate();

        Assert.Equal(["a", "b"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("failed", results["a"].Status);
        Assert.Equal("passed", results["b"].Status);
    }
}
