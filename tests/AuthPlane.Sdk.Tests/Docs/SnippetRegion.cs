namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>
/// A named region of a compiled file under docs/snippets: the lines between <c>// snippet: name</c> and
/// <c>// end snippet</c>, less their common indentation, joined with '\n'.
/// </summary>
internal sealed record SnippetRegion(string Name, string File, int Line, string Text)
{
    private const string StartMarker = "// snippet: ";
    private const string EndMarker = "// end snippet";

    /// <summary>Reads every region of <paramref name="text"/>; a region left open, nested or named twice in one file is an error.</summary>
    public static IReadOnlyList<SnippetRegion> Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var regions = new List<SnippetRegion>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        string? name = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith(StartMarker, StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    throw new FormatException($"{file}:{i + 1}: snippet '{name}' is still open");
                }

                name = trimmed[StartMarker.Length..].Trim();
                start = i + 1;
            }
            else if (trimmed == EndMarker)
            {
                if (name is null)
                {
                    throw new FormatException($"{file}:{i + 1}: '{EndMarker}' without a snippet");
                }

                regions.Add(new SnippetRegion(name, file, start + 1, Dedent(lines[start..i])));
                name = null;
            }
        }

        return name is null ? regions : throw new FormatException($"{file}: snippet '{name}' has no '{EndMarker}'");
    }

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(line => line.Trim().Length > 0).Select(line => line.Length - line.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(line => line.Trim().Length == 0 ? string.Empty : line[indent..]));
    }
}
