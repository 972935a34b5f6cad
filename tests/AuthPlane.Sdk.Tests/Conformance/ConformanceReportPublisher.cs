using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>Builds the report from a finished run and writes it under the repository root.</summary>
/// <param name="diagnostics">xunit's diagnostic sink, told where the report went or why it was not written.</param>
public sealed class ConformanceReportPublisher(IMessageSink diagnostics)
{
    /// <summary>Writes <c>artifacts/conformance/conformance-report.json</c> for the given results.</summary>
    public void Publish(IReadOnlyDictionary<string, ConformanceCaseResult> results, bool anyFailure)
    {
        var root = ConformanceCatalogLocation.RepositoryRoot;
        if (root is null)
        {
            diagnostics.OnMessage(new DiagnosticMessage("Conformance report not written: no folder holding AuthPlane.Sdk.sln above {0}.", AppContext.BaseDirectory));
            return;
        }

        try
        {
            var report = ConformanceReportBuilder.Build(
                ConformanceCatalogLocation.Catalog,
                results,
                anyFailure,
                ImplementationVersion(),
                ConformanceCatalogLocation.MissingMessage);
            var path = ConformanceReportWriter.Write(report, root);
            diagnostics.OnMessage(new DiagnosticMessage("Conformance report written to {0}.", path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            // The run's own results must still reach the runner; .ci/run fails when the report is missing.
            diagnostics.OnMessage(new DiagnosticMessage("Conformance report not written: {0}", exception.Message));
        }
    }

    private static string ImplementationVersion() =>
        typeof(AuthPlaneOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AuthPlaneOptions).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
