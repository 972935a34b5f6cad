namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>
/// A fenced C# block of a Markdown file and the snippet it shows: the <c>&lt;!-- snippet: name --&gt;</c> comment on
/// the line right above its opening fence, or null when it has none.
/// </summary>
internal sealed record MarkdownCodeBlock(string File, int Line, string? SnippetName, string Text)
{
    private const string MarkerStart = "<!-- snippet: ";
    private const string MarkerEnd = " -->";

    /// <summary>Whether a fence's info string names C#.</summary>
    public static bool IsCSharp(string info) => info is "csharp" or "cs" or "c#" or "C#";

    /// <summary>Reads the fenced C# blocks of <paramref name="text"/> (fences at the start of a line, as this repository writes them).</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<MarkdownCodeBlock>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new FormatException($"{file}:{i + 1}: code fence is never closed");
            }

            if (IsCSharp(lines[i][3..].Trim()))
            {
                blocks.Add(new MarkdownCodeBlock(file, i + 1, i > 0 ? MarkerName(lines[i - 1]) : null, string.Join('\n', lines[(i + 1)..end])));
            }

            i = end;
        }

        return blocks;
    }

    private static string? MarkerName(string line) =>
        line.StartsWith(MarkerStart, StringComparison.Ordinal) && line.EndsWith(MarkerEnd, StringComparison.Ordinal)
            ? line[MarkerStart.Length..^MarkerEnd.Length].Trim()
            : null;
}
