using System.Reflection;
using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Alignment in both directions between the catalog and the tests of this assembly: every catalog case has
/// exactly one registered test, every registered id is in the catalog, no id is registered twice.
/// </summary>
public sealed class ConformanceAlignmentTests
{
    private static readonly IReadOnlyList<(string CaseId, MethodInfo Method)> Registrations = FindRegistrations();

    [RequiresConformanceCatalogFact]
    public void Every_catalog_case_has_exactly_one_registered_test()
    {
        var registrationsPerId = Registrations
            .GroupBy(r => r.CaseId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var misregistered = ConformanceCatalogLocation.Catalog!.Cases
            .Select(c => (c.Id, Count: registrationsPerId.GetValueOrDefault(c.Id)))
            .Where(c => c.Count != 1)
            .Select(c => $"{c.Id} ({c.Count} tests)")
            .ToList();

        Assert.True(misregistered.Count == 0, $"Catalog cases without exactly one registered test: {string.Join(", ", misregistered)}");
    }

    [RequiresConformanceCatalogFact]
    public void Every_registered_case_id_exists_in_the_catalog()
    {
        var catalogIds = ConformanceCatalogLocation.Catalog!.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var unknown = Registrations
            .Where(r => !catalogIds.Contains(r.CaseId))
            .Select(r => $"{r.CaseId} ({Describe(r.Method)})")
            .ToList();

        Assert.True(unknown.Count == 0, $"Registered case ids that the catalog does not contain: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void No_case_id_is_registered_twice()
    {
        var duplicates = Registrations
            .GroupBy(r => r.CaseId, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(" and ", g.Select(r => Describe(r.Method)))}")
            .ToList();

        Assert.True(duplicates.Count == 0, $"Case ids bound to more than one test: {string.Join("; ", duplicates)}");
    }

    [Fact]
    public void Every_registered_method_is_an_xunit_test()
    {
        var notTests = Registrations
            .Where(r => r.Method.GetCustomAttribute<FactAttribute>(inherit: true) is null)
            .Select(r => $"{r.CaseId} ({Describe(r.Method)})")
            .ToList();

        Assert.True(notTests.Count == 0, $"[ConformanceCase] on methods that are not [Fact]/[Theory] never run: {string.Join(", ", notTests)}");
    }

    private static List<(string CaseId, MethodInfo Method)> FindRegistrations() =>
        typeof(ConformanceAlignmentTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Attribute: method.GetCustomAttribute<ConformanceCaseAttribute>(), Method: method))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => (pair.Attribute!.CaseId, pair.Method))
            .ToList();

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
