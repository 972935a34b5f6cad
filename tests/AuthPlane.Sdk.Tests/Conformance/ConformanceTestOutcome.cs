namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>The outcome of one executed test (one row of a theory) bound to a conformance case.</summary>
public enum ConformanceTestOutcome
{
    /// <summary>The test passed.</summary>
    Passed,

    /// <summary>The test failed.</summary>
    Failed,

    /// <summary>The test was skipped.</summary>
    Skipped,
}
