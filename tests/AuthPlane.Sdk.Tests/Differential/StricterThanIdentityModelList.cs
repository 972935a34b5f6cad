using System.Text.RegularExpressions;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Conformance;

namespace AuthPlane.Sdk.Tests.Differential;

/// <summary>
/// The documented list of rules where the SDK is stricter than IdentityModel: the table of README.md between the
/// <c>stricter-than-identitymodel</c> markers, one row per <see cref="RejectionReason"/> (first column, in backticks).
/// </summary>
internal static partial class StricterThanIdentityModelList
{
    private const string Start = "<!-- stricter-than-identitymodel -->";
    private const string End = "<!-- /stricter-than-identitymodel -->";

    public static IReadOnlySet<RejectionReason> Load()
    {
        var root = ConformanceCatalogLocation.RepositoryRoot ?? throw new InvalidOperationException("No repository root above the test binaries.");
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"README.md has no table between {Start} and {End}.");
        }

        var reasons = new HashSet<RejectionReason>();
        foreach (Match row in RowPattern().Matches(readme[start..end]))
        {
            reasons.Add(Enum.Parse<RejectionReason>(row.Groups[1].Value));
        }

        return reasons;
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
