using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>Serialises a <see cref="ConformanceReport"/> (snake_case members, absent values omitted) and writes it to disk.</summary>
public static class ConformanceReportWriter
{
    /// <summary>The report's path relative to the repository root.</summary>
    public static readonly string RelativePath = Path.Combine("artifacts", "conformance", "conformance-report.json");

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // The report is a file for people and tools, never embedded in HTML: keep '+', quotes and '<' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as indented JSON.</summary>
    public static string Serialize(ConformanceReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes the report to <c>artifacts/conformance/conformance-report.json</c> under <paramref name="repositoryRoot"/>.</summary>
    /// <returns>The full path written.</returns>
    public static string Write(ConformanceReport report, string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Serialize(report) + Environment.NewLine);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
