namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>The aggregated result of every test row bound to one case id.</summary>
/// <param name="Status">Report status: <c>passed</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="CoverageLevel">Report coverage level: <c>full</c>, <c>partial</c> or <c>none</c>.</param>
/// <param name="Note">The coverage note (the skip reason for skipped cases), if any.</param>
/// <param name="FailureMessage">The failure message; only for failed cases.</param>
public sealed record ConformanceCaseResult(string Status, string CoverageLevel, string? Note, string? FailureMessage);
