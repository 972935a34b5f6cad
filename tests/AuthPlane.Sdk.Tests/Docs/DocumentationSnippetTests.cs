using Xunit;

namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>
/// Every C# block the documentation shows is compiled: it is a region of a file under docs/snippets (built with the
/// solution, warnings as errors) and these tests fail when a Markdown block and its region differ by one byte.
/// </summary>
public sealed class DocumentationSnippetTests
{
    public static TheoryData<string, int> CSharpBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in DocumentationSnippets.MarkdownBlocks())
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Each_csharp_block_in_the_docs_is_a_compiled_snippet_byte_for_byte(string file, int line)
    {
        var block = Assert.Single(DocumentationSnippets.MarkdownBlocks(), b => b.File == file && b.Line == line);

        Assert.Null(DocumentationSnippets.Mismatch(block, DocumentationSnippets.Regions()));
    }

    [Fact]
    public void The_readme_and_every_package_readme_show_compiled_csharp()
    {
        var files = DocumentationSnippets.MarkdownBlocks().Select(b => b.File).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "README.md",
                "src/AuthPlane.Sdk/README.md",
                "src/AuthPlane.Sdk.AspNetCore/README.md",
                "src/AuthPlane.Sdk.Redis/README.md",
                "src/AuthPlane.Sdk.Testing/README.md",
            },
            files);
    }

    [Fact]
    public void Every_compiled_snippet_is_shown_somewhere()
    {
        var shown = DocumentationSnippets.MarkdownBlocks().Select(b => b.SnippetName).ToHashSet(StringComparer.Ordinal);
        var unshown = DocumentationSnippets.Regions().Keys.Where(name => !shown.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(unshown);
    }

    [Fact]
    public void A_block_that_differs_from_its_snippet_by_one_character_is_reported_with_the_compiled_text()
    {
        var regions = SnippetRegion.Parse("Snippets/Sample.cs", "class C\n{\n    // snippet: greet\n    void Greet() =>\n        Say(\"hi\");\n    // end snippet\n}\n")
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
        var same = Assert.Single(MarkdownCodeBlock.Parse("README.md", "<!-- snippet: greet -->\n```csharp\nvoid Greet() =>\n    Say(\"hi\");\n```\n"));
        var changed = Assert.Single(MarkdownCodeBlock.Parse("README.md", "<!-- snippet: greet -->\n```csharp\nvoid Greet() =>\n    Say(\"ho\");\n```\n"));

        Assert.Null(DocumentationSnippets.Mismatch(same, regions));
        var mismatch = DocumentationSnippets.Mismatch(changed, regions);
        Assert.NotNull(mismatch);
        Assert.Contains("differs from snippet 'greet' (Snippets/Sample.cs:4)", mismatch, StringComparison.Ordinal);
        Assert.EndsWith("void Greet() =>\n    Say(\"hi\");", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("```csharp\nvar x = 1;\n```\n", "README.md:1: C# block without a '<!-- snippet: name -->' line above it")]
    [InlineData("<!-- snippet: missing -->\n```cs\nvar x = 1;\n```\n", "README.md:2: snippet 'missing' is not defined under docs/snippets")]
    public void An_unmarked_block_or_an_unknown_snippet_name_is_reported(string markdown, string expected)
    {
        var block = Assert.Single(MarkdownCodeBlock.Parse("README.md", markdown));

        Assert.Equal(expected, DocumentationSnippets.Mismatch(block, new Dictionary<string, SnippetRegion>()));
    }

    [Fact]
    public void Blocks_in_other_languages_are_not_snippets()
    {
        Assert.Empty(MarkdownCodeBlock.Parse("README.md", "```sh\ndotnet test\n```\n```json\n{}\n```\n"));
    }
}
