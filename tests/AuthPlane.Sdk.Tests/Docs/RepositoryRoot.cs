namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>The repository checkout the tests run from: the nearest folder above the test binaries holding AuthPlane.Sdk.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The absolute path of the repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>The absolute path of <paramref name="relative"/> (with '/' separators) below the root.</summary>
    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary><paramref name="absolute"/> relative to the root, with '/' separators.</summary>
    public static string Relative(string absolute) => System.IO.Path.GetRelativePath(Path, absolute).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AuthPlane.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AuthPlane.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
