namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>The <c>conformance-report.json</c> document, in the shape the catalog's README prescribes.</summary>
/// <param name="CatalogId">The catalog's <c>catalog_id</c>; absent when the catalog is missing.</param>
/// <param name="CatalogVersion">The catalog's <c>catalog_version</c>; absent when the catalog is missing.</param>
/// <param name="Implementation">What was tested.</param>
/// <param name="Runner">The test runner and its exit status.</param>
/// <param name="Summary">Counts per status.</param>
/// <param name="Cases">Every catalog case in catalog order; absent when the catalog is missing.</param>
/// <param name="Note">Present only when the catalog is missing (<c>catalog_missing: …</c>).</param>
public sealed record ConformanceReport(
    string? CatalogId,
    string? CatalogVersion,
    ConformanceReportImplementation Implementation,
    ConformanceReportRunner Runner,
    ConformanceReportSummary Summary,
    IReadOnlyList<ConformanceReportCase>? Cases,
    string? Note);

/// <summary>The <c>implementation</c> object of the report.</summary>
/// <param name="Name">The implementation's name.</param>
/// <param name="Version">The implementation's version.</param>
/// <param name="Language">The implementation's language.</param>
public sealed record ConformanceReportImplementation(string Name, string Version, string Language);

/// <summary>The <c>runner</c> object of the report.</summary>
/// <param name="Tool">The test runner.</param>
/// <param name="ExitStatus">0 when nothing failed, 1 otherwise.</param>
public sealed record ConformanceReportRunner(string Tool, int ExitStatus);

/// <summary>The <c>summary</c> object of the report.</summary>
/// <param name="Total">Number of catalog cases.</param>
/// <param name="Passed">Cases that passed.</param>
/// <param name="Failed">Cases that failed.</param>
/// <param name="Skipped">Cases that were skipped.</param>
/// <param name="NotRun">Cases with no result.</param>
public sealed record ConformanceReportSummary(int Total, int Passed, int Failed, int Skipped, int NotRun);

/// <summary>One entry of the report's <c>cases</c> array.</summary>
/// <param name="CaseId">The catalog case id.</param>
/// <param name="Status"><c>passed</c>, <c>failed</c>, <c>skipped</c> or <c>not_run</c>.</param>
/// <param name="Coverage">How much of the case the test covers.</param>
/// <param name="Failure">Present only when <paramref name="Status"/> is <c>failed</c>.</param>
public sealed record ConformanceReportCase(string CaseId, string Status, ConformanceReportCoverage Coverage, ConformanceReportFailure? Failure);

/// <summary>The <c>coverage</c> object of a report case.</summary>
/// <param name="Level"><c>full</c>, <c>partial</c> or <c>none</c>.</param>
/// <param name="Note">The reason; required when the case is skipped.</param>
public sealed record ConformanceReportCoverage(string Level, string? Note);

/// <summary>The <c>failure</c> object of a failed report case.</summary>
/// <param name="Message">What failed.</param>
public sealed record ConformanceReportFailure(string Message);
