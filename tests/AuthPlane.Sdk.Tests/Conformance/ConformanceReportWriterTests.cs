using System.Text.Json;
using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>The report writer produces exactly the shape of the conformance README for synthetic results.</summary>
public sealed class ConformanceReportWriterTests
{
    private static readonly ConformanceCatalog Catalog = ConformanceCatalog.Parse(new StringReader("""
        catalog_id: "oauth-sdk-conformance-catalog"
        catalog_version: "2026-04-22"
        cases:
          - {id: "case-passed", title: "p", surface: "s"}
          - {id: "case-failed", title: "f", surface: "s"}
          - {id: "case-skipped", title: "k", surface: "s"}
          - {id: "case-not-run", title: "n", surface: "s"}
        """));

    private static readonly Dictionary<string, ConformanceCaseResult> Results = new(StringComparer.Ordinal)
    {
        ["case-skipped"] = new("skipped", "none", "Pending: inbound DPoP (issue 3)", null),
        ["case-failed"] = new("failed", "full", null, "Assert.Equal() Failure"),
        ["case-passed"] = new("passed", "full", null, null),
        ["id-not-in-catalog"] = new("passed", "full", null, null),
    };

    [Fact]
    public void Report_has_the_readme_shape_with_cases_in_catalog_order()
    {
        using var document = BuildAndParse(anyFailure: true);
        var root = document.RootElement;

        Assert.Equal(["catalog_id", "catalog_version", "implementation", "runner", "summary", "cases"], PropertyNames(root));
        Assert.Equal("oauth-sdk-conformance-catalog", root.GetProperty("catalog_id").GetString());
        Assert.Equal("2026-04-22", root.GetProperty("catalog_version").GetString());
        AssertObject(root.GetProperty("implementation"), """{"name":"AuthPlane.Sdk","version":"1.2.3+abc","language":"csharp"}""");
        AssertObject(root.GetProperty("runner"), """{"tool":"xunit","exit_status":1}""");
        AssertObject(root.GetProperty("summary"), """{"total":4,"passed":1,"failed":1,"skipped":1,"not_run":1}""");

        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["case-passed", "case-failed", "case-skipped", "case-not-run"], cases.Select(c => c.GetProperty("case_id").GetString()));
        AssertObject(cases[0], """{"case_id":"case-passed","status":"passed","coverage":{"level":"full"}}""");
        AssertObject(cases[1], """{"case_id":"case-failed","status":"failed","coverage":{"level":"full"},"failure":{"message":"Assert.Equal() Failure"}}""");
        AssertObject(cases[2], """{"case_id":"case-skipped","status":"skipped","coverage":{"level":"none","note":"Pending: inbound DPoP (issue 3)"}}""");
        Assert.Equal("not_run", cases[3].GetProperty("status").GetString());
        Assert.Equal("none", cases[3].GetProperty("coverage").GetProperty("level").GetString());
        Assert.False(cases[3].TryGetProperty("failure", out _));
    }

    [Fact]
    public void Exit_status_is_zero_when_nothing_failed()
    {
        using var document = BuildAndParse(anyFailure: false);

        Assert.Equal(0, document.RootElement.GetProperty("runner").GetProperty("exit_status").GetInt32());
    }

    [Fact]
    public void Without_a_catalog_the_report_says_catalog_missing_instead_of_listing_cases()
    {
        var report = ConformanceReportBuilder.Build(null, Results, anyFailure: false, "1.2.3", "The catalog was not found at 'x'.");
        using var document = JsonDocument.Parse(ConformanceReportWriter.Serialize(report));
        var root = document.RootElement;

        Assert.Equal(["implementation", "runner", "summary", "note"], PropertyNames(root));
        Assert.Equal("catalog_missing: The catalog was not found at 'x'.", root.GetProperty("note").GetString());
        AssertObject(root.GetProperty("summary"), """{"total":0,"passed":0,"failed":0,"skipped":0,"not_run":0}""");
    }

    [Fact]
    public void Write_puts_the_report_under_artifacts_conformance_of_the_given_root()
    {
        var root = Directory.CreateTempSubdirectory("conformance-report-");
        try
        {
            var report = ConformanceReportBuilder.Build(Catalog, Results, anyFailure: false, "1.2.3", "unused");

            var path = ConformanceReportWriter.Write(report, root.FullName);

            Assert.Equal(Path.Combine(root.FullName, "artifacts", "conformance", "conformance-report.json"), path);
            Assert.Equal(ConformanceReportWriter.Serialize(report) + Environment.NewLine, File.ReadAllText(path));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static JsonDocument BuildAndParse(bool anyFailure) =>
        JsonDocument.Parse(ConformanceReportWriter.Serialize(ConformanceReportBuilder.Build(Catalog, Results, anyFailure, "1.2.3+abc", "unused")));

    private static List<string> PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    private static void AssertObject(JsonElement actual, string expectedJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        Assert.Equal(JsonSerializer.Serialize(expected.RootElement), JsonSerializer.Serialize(actual));
    }
}
