namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>Turns the catalog and the aggregated case results into a <see cref="ConformanceReport"/>.</summary>
public static class ConformanceReportBuilder
{
    /// <summary>The implementation name written to the report.</summary>
    public const string ImplementationName = "AuthPlane.Sdk";

    private const string NotRunNote = "No test bound to this case ran (it was filtered out, or no test is registered for it).";

    /// <summary>
    /// Builds the report: every catalog case in catalog order, cases without a result as <c>not_run</c>;
    /// without a catalog, a report that says so in <c>note</c> and lists no cases.
    /// </summary>
    /// <param name="catalog">The catalog, or <see langword="null"/> when it is missing.</param>
    /// <param name="results">Aggregated results by case id.</param>
    /// <param name="anyFailure">Whether anything in the run failed (tests, cleanup, errors).</param>
    /// <param name="implementationVersion">The SDK's version.</param>
    /// <param name="missingCatalogMessage">The plain message used when <paramref name="catalog"/> is null.</param>
    public static ConformanceReport Build(
        ConformanceCatalog? catalog,
        IReadOnlyDictionary<string, ConformanceCaseResult> results,
        bool anyFailure,
        string implementationVersion,
        string missingCatalogMessage)
    {
        ArgumentNullException.ThrowIfNull(results);
        var implementation = new ConformanceReportImplementation(ImplementationName, implementationVersion, "csharp");
        var runner = new ConformanceReportRunner("xunit", anyFailure ? 1 : 0);
        if (catalog is null)
        {
            return new ConformanceReport(null, null, implementation, runner, new ConformanceReportSummary(0, 0, 0, 0, 0), null, $"catalog_missing: {missingCatalogMessage}");
        }

        var cases = catalog.Cases.Select(catalogCase => ToReportCase(catalogCase.Id, results)).ToList();
        var summary = new ConformanceReportSummary(
            cases.Count,
            cases.Count(c => c.Status == "passed"),
            cases.Count(c => c.Status == "failed"),
            cases.Count(c => c.Status == "skipped"),
            cases.Count(c => c.Status == "not_run"));
        return new ConformanceReport(catalog.CatalogId, catalog.CatalogVersion, implementation, runner, summary, cases, null);
    }

    private static ConformanceReportCase ToReportCase(string caseId, IReadOnlyDictionary<string, ConformanceCaseResult> results)
    {
        if (!results.TryGetValue(caseId, out var result))
        {
            return new ConformanceReportCase(caseId, "not_run", new ConformanceReportCoverage("none", NotRunNote), null);
        }

        var failure = result.FailureMessage is null ? null : new ConformanceReportFailure(result.FailureMessage);
        return new ConformanceReportCase(caseId, result.Status, new ConformanceReportCoverage(result.CoverageLevel, result.Note), failure);
    }
}
