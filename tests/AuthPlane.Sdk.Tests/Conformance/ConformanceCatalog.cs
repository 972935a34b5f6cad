using YamlDotNet.RepresentationModel;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>The parts of the language-neutral conformance catalog (YAML) the harness uses.</summary>
public sealed class ConformanceCatalog
{
    private ConformanceCatalog(string catalogId, string catalogVersion, IReadOnlyList<ConformanceCatalogCase> cases)
    {
        CatalogId = catalogId;
        CatalogVersion = catalogVersion;
        Cases = cases;
    }

    /// <summary>The catalog's <c>catalog_id</c>.</summary>
    public string CatalogId { get; }

    /// <summary>The catalog's <c>catalog_version</c>.</summary>
    public string CatalogVersion { get; }

    /// <summary>Every case, in catalog order.</summary>
    public IReadOnlyList<ConformanceCatalogCase> Cases { get; }

    /// <summary>Loads and parses the catalog file at <paramref name="path"/>.</summary>
    public static ConformanceCatalog Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader);
    }

    /// <summary>Parses catalog YAML; throws <see cref="InvalidDataException"/> naming the field that is wrong.</summary>
    public static ConformanceCatalog Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("The conformance catalog is not a YAML mapping.");
        }

        var catalogId = RequiredScalar(root, "catalog_id", "the catalog");
        var catalogVersion = RequiredScalar(root, "catalog_version", "the catalog");
        if (!root.Children.TryGetValue(new YamlScalarNode("cases"), out var casesNode) || casesNode is not YamlSequenceNode sequence)
        {
            throw new InvalidDataException("The conformance catalog has no 'cases' sequence.");
        }

        var cases = new List<ConformanceCatalogCase>(sequence.Children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in sequence.Children)
        {
            if (node is not YamlMappingNode caseNode)
            {
                throw new InvalidDataException($"Case #{cases.Count + 1} of the conformance catalog is not a mapping.");
            }

            var where = $"case #{cases.Count + 1}";
            var id = RequiredScalar(caseNode, "id", where);
            if (!seen.Add(id))
            {
                throw new InvalidDataException($"The conformance catalog lists case id '{id}' more than once.");
            }

            cases.Add(new ConformanceCatalogCase(id, RequiredScalar(caseNode, "surface", id), RequiredScalar(caseNode, "title", id)));
        }

        return new ConformanceCatalog(catalogId, catalogVersion, cases);
    }

    private static string RequiredScalar(YamlMappingNode mapping, string key, string where)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var node)
            && node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        throw new InvalidDataException($"The conformance catalog is missing '{key}' in {where}.");
    }
}
