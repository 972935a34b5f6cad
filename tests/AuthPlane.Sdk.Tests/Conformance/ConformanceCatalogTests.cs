using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

public sealed class ConformanceCatalogTests
{
    private const string SmallCatalog = """
        schema_version: "1.0"
        catalog_id: "sample-catalog"
        catalog_version: "2030-01-02"
        cases:
          - id: "case-b"
            title: "Second letter first"
            surface: "sdk-verifier.jwt"
            setup:
              nested: { ignored: true }
          - id: "case-a"
            title: "First letter second"
            surface: "sdk-client.discovery"
        usage_guidance:
          - "ignored"
        """;

    [Fact]
    public void Parse_reads_id_version_and_cases_in_catalog_order()
    {
        var catalog = ConformanceCatalog.Parse(new StringReader(SmallCatalog));

        Assert.Equal("sample-catalog", catalog.CatalogId);
        Assert.Equal("2030-01-02", catalog.CatalogVersion);
        Assert.Equal(
            [
                new ConformanceCatalogCase("case-b", "sdk-verifier.jwt", "Second letter first"),
                new ConformanceCatalogCase("case-a", "sdk-client.discovery", "First letter second"),
            ],
            catalog.Cases);
    }

    [Theory]
    [InlineData("catalog_version: \"1\"\ncases: []\n", "'catalog_id'")]
    [InlineData("catalog_id: \"x\"\ncases: []\n", "'catalog_version'")]
    [InlineData("catalog_id: \"x\"\ncatalog_version: \"1\"\n", "'cases'")]
    [InlineData("catalog_id: \"x\"\ncatalog_version: \"1\"\ncases:\n  - title: \"t\"\n    surface: \"s\"\n", "'id' in case #1")]
    [InlineData("catalog_id: \"x\"\ncatalog_version: \"1\"\ncases:\n  - id: \"a\"\n    title: \"t\"\n", "'surface' in a")]
    [InlineData("catalog_id: \"x\"\ncatalog_version: \"1\"\ncases:\n  - {id: a, title: t, surface: s}\n  - {id: a, title: u, surface: s}\n", "'a' more than once")]
    [InlineData("- just\n- a list\n", "not a YAML mapping")]
    public void Parse_rejects_a_malformed_catalog_naming_what_is_wrong(string yaml, string expectedFragment)
    {
        var exception = Assert.Throws<InvalidDataException>(() => ConformanceCatalog.Parse(new StringReader(yaml)));

        Assert.Contains(expectedFragment, exception.Message, StringComparison.Ordinal);
    }

    [RequiresConformanceCatalogFact]
    public void Vendored_catalog_has_104_cases_of_version_2026_04_22_in_the_order_of_its_index()
    {
        var catalog = ConformanceCatalogLocation.Catalog!;
        var indexPath = Path.Combine(Path.GetDirectoryName(ConformanceCatalogLocation.CatalogPath)!, "cases.tsv");
        var indexIds = File.ReadLines(indexPath).Where(line => line.Length > 0).Select(line => line.Split('\t')[0]).ToList();

        Assert.Equal("oauth-sdk-conformance-catalog", catalog.CatalogId);
        Assert.Equal("2026-04-22", catalog.CatalogVersion);
        Assert.Equal(104, catalog.Cases.Count);
        Assert.Equal(indexIds, catalog.Cases.Select(c => c.Id));
    }

    [Fact]
    public void Resolve_prefers_the_override_and_accepts_the_folder_holding_the_catalog()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-catalog-");
        try
        {
            var expectedFile = Path.Combine(folder.FullName, ConformanceCatalogLocation.CatalogFileName);

            Assert.Equal(expectedFile, ConformanceCatalogLocation.Resolve(folder.FullName, "/repo"));
            Assert.Equal(Path.Combine(folder.FullName, "other.yaml"), ConformanceCatalogLocation.Resolve(Path.Combine(folder.FullName, "other.yaml"), "/repo"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Resolve_without_override_looks_in_shared_conformance_beside_the_repository()
    {
        var root = Path.Combine(Path.GetTempPath(), "projects", "sdk");

        var path = ConformanceCatalogLocation.Resolve(null, root);

        Assert.Equal(Path.Combine(Path.GetTempPath(), "projects", "shared", "conformance", ConformanceCatalogLocation.CatalogFileName), path);
        Assert.Null(ConformanceCatalogLocation.Resolve("  ", null));
    }

    [Fact]
    public void FindRepositoryRoot_walks_up_to_the_folder_holding_the_solution()
    {
        var root = Directory.CreateTempSubdirectory("conformance-root-");
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "tests", "bin", "Release"));
            Assert.Null(ConformanceCatalogLocation.FindRepositoryRoot(nested.FullName));

            File.WriteAllText(Path.Combine(root.FullName, "AuthPlane.Sdk.sln"), string.Empty);

            Assert.Equal(root.FullName, ConformanceCatalogLocation.FindRepositoryRoot(nested.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
