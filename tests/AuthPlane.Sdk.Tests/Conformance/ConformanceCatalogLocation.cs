namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Finds the repository root and the conformance catalog: the file named by
/// <c>AUTHPLANE_CONFORMANCE_CATALOG</c>, else <c>../shared/conformance/</c> beside the repository root.
/// </summary>
public static class ConformanceCatalogLocation
{
    /// <summary>The environment variable that overrides the catalog path (a file, or the folder holding it).</summary>
    public const string EnvironmentVariable = "AUTHPLANE_CONFORMANCE_CATALOG";

    /// <summary>The catalog's file name.</summary>
    public const string CatalogFileName = "oauth-sdk-conformance-catalog.yaml";

    private const string SolutionFileName = "AuthPlane.Sdk.sln";

    private static readonly Lazy<ConformanceCatalog?> SharedCatalog = new(LoadIfPresent);

    /// <summary>The repository root (the folder holding the solution file), or <see langword="null"/> when not found.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot(AppContext.BaseDirectory);

    /// <summary>Where the catalog is expected, whether or not it exists; <see langword="null"/> when no location can be derived.</summary>
    public static string? CatalogPath { get; } = Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), RepositoryRoot);

    /// <summary>Whether the catalog file exists.</summary>
    public static bool CatalogExists => CatalogPath is not null && File.Exists(CatalogPath);

    /// <summary>The plain message used when the catalog is absent (skip reason and report note).</summary>
    public static string MissingMessage =>
        $"The conformance catalog was not found at '{CatalogPath ?? "(no repository root)"}'. "
        + $"Place shared/conformance/{CatalogFileName} beside the repository or set {EnvironmentVariable} to the catalog file.";

    /// <summary>The catalog loaded once per test run, or <see langword="null"/> when it is absent. A malformed catalog throws.</summary>
    public static ConformanceCatalog? Catalog => SharedCatalog.Value;

    /// <summary>Walks up from <paramref name="start"/> to the folder that holds <c>AuthPlane.Sdk.sln</c>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The catalog path for an override (<paramref name="overridePath"/>, a file or a folder) or, without one,
    /// <c>&lt;root&gt;/../shared/conformance/oauth-sdk-conformance-catalog.yaml</c>.
    /// </summary>
    public static string? Resolve(string? overridePath, string? repositoryRoot)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var full = Path.GetFullPath(overridePath);
            return Directory.Exists(full) ? Path.Combine(full, CatalogFileName) : full;
        }

        return repositoryRoot is null
            ? null
            : Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "conformance", CatalogFileName));
    }

    private static ConformanceCatalog? LoadIfPresent() => CatalogExists ? ConformanceCatalog.Load(CatalogPath!) : null;
}
