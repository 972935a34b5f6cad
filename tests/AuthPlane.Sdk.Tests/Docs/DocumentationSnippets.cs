namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>
/// The repository's documentation and the compiled code it shows: every Markdown file outside build output
/// (README.md, docs/**, the package READMEs, the template README) and every region under docs/snippets.
/// </summary>
internal static class DocumentationSnippets
{
    /// <summary>Where the compiled snippets live, relative to the repository root.</summary>
    public const string SnippetFolder = "docs/snippets";

    private static readonly string[] SkippedFolders = ["bin", "obj", "artifacts", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>Every fenced C# block of the repository's Markdown files.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> MarkdownBlocks() =>
        [.. Files("*.md").SelectMany(path => MarkdownCodeBlock.Parse(RepositoryRoot.Relative(path), File.ReadAllText(path)))];

    /// <summary>Every region of the compiled snippet files, by name.</summary>
    public static IReadOnlyDictionary<string, SnippetRegion> Regions()
    {
        var regions = new Dictionary<string, SnippetRegion>(StringComparer.Ordinal);
        foreach (var path in Files("*.cs", SnippetFolder))
        {
            foreach (var region in SnippetRegion.Parse(RepositoryRoot.Relative(path), File.ReadAllText(path)))
            {
                if (!regions.TryAdd(region.Name, region))
                {
                    throw new FormatException($"snippet '{region.Name}' is defined twice: {regions[region.Name].File} and {region.File}");
                }
            }
        }

        return regions;
    }

    /// <summary>Why <paramref name="block"/> does not show its snippet as compiled, or null when it does byte for byte.</summary>
    public static string? Mismatch(MarkdownCodeBlock block, IReadOnlyDictionary<string, SnippetRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(regions);
        if (block.SnippetName is null)
        {
            return $"{block.File}:{block.Line}: C# block without a '<!-- snippet: name -->' line above it";
        }

        if (!regions.TryGetValue(block.SnippetName, out var region))
        {
            return $"{block.File}:{block.Line}: snippet '{block.SnippetName}' is not defined under {SnippetFolder}";
        }

        return block.Text == region.Text
            ? null
            : $"{block.File}:{block.Line}: the block differs from snippet '{region.Name}' ({region.File}:{region.Line}); the compiled code reads:\n{region.Text}";
    }

    private static IEnumerable<string> Files(string pattern, string folder = "") =>
        Directory.EnumerateFiles(RepositoryRoot.Combine(folder), pattern, SearchOption.AllDirectories)
            .Where(path => !RepositoryRoot.Relative(path).Split('/').Any(part => SkippedFolders.Contains(part, StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);
}
