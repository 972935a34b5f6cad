using System.Text.Encodings.Web;
using System.Text.Json;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.DPoP;

namespace AuthPlane.Sdk.Metadata;

/// <summary>
/// The RFC 9728 Protected Resource Metadata document of this resource, serialized once to UTF-8
/// (it never changes at run time), with the well-known paths it is served at.
/// </summary>
public sealed class ProtectedResourceMetadataDocument
{
    /// <summary>The well-known path prefix of RFC 9728 §3.</summary>
    public const string WellKnownPrefix = ResourceIdentifier.WellKnownPrefix;

    // URLs are written unescaped ('&', '+' stay as they are): the document is JSON for API clients, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _utf8Json;

    /// <summary>Builds the document of the resource configured in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The resource or issuer is missing or the resource is not an absolute URI.</exception>
    public ProtectedResourceMetadataDocument(AuthPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Resource) || !Uri.TryCreate(options.Resource, UriKind.Absolute, out _))
        {
            throw new ArgumentException("AuthPlane:Resource must be an absolute URI.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Issuer))
        {
            throw new ArgumentException("AuthPlane:Issuer must be set.", nameof(options));
        }

        Resource = options.Resource;
        _utf8Json = Serialize(options);
        var resource = ParseResource(options.Resource);
        WellKnownPath = resource.WellKnownPath;
        WellKnownPaths = WellKnownPath == WellKnownPrefix ? [WellKnownPrefix] : [WellKnownPrefix, WellKnownPath];
        MetadataUrl = resource.MetadataUrl;
    }

    /// <summary>The configured resource URI, exact bytes.</summary>
    public string Resource { get; }

    /// <summary>The document as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

    /// <summary>The path-derived well-known path (the root path when the resource has no path).</summary>
    public string WellKnownPath { get; }

    /// <summary>Every path the document is served at: the root well-known path and, when different, the path-derived one.</summary>
    public IReadOnlyList<string> WellKnownPaths { get; }

    /// <summary>The absolute URL of the document, as sent in <c>resource_metadata</c> of challenges.</summary>
    public string MetadataUrl { get; }

    /// <summary>
    /// The well-known path of <paramref name="resource"/> (RFC 9728 §3.1): <c>/.well-known/oauth-protected-resource</c>
    /// followed by the resource's path, a trailing slash dropped.
    /// </summary>
    public static string GetWellKnownPath(string resource) => ParseResource(resource).WellKnownPath;

    /// <summary>The absolute metadata URL of <paramref name="resource"/>: <c>scheme://authority/.well-known/oauth-protected-resource{path}</c>.</summary>
    public static string GetMetadataUrl(string resource) => ParseResource(resource).MetadataUrl;

    private static ResourceIdentifier ParseResource(string resource)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        return ResourceIdentifier.TryParse(resource, out var identifier)
            ? identifier
            : throw new ArgumentException("The resource must be an absolute http(s) URI.", nameof(resource));
    }

    private static byte[] Serialize(AuthPlaneOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", options.Resource);
            writer.WriteStartArray("authorization_servers");
            writer.WriteStringValue(options.Issuer);
            writer.WriteEndArray();
            WriteArray(writer, "scopes_supported", options.Scopes);
            writer.WriteStartArray("bearer_methods_supported");
            writer.WriteStringValue("header");
            writer.WriteEndArray();
            if (options.DPoP.Mode != DPoPMode.Disabled)
            {
                WriteArray(writer, "dpop_signing_alg_values_supported", options.DPoP.AllowedAlgorithms);
                writer.WriteBoolean("dpop_bound_access_tokens_required", options.DPoP.Mode == DPoPMode.Required);
            }

            if (!string.IsNullOrEmpty(options.ResourceName))
            {
                writer.WriteString("resource_name", options.ResourceName);
            }

            if (!string.IsNullOrEmpty(options.ResourceDocumentation))
            {
                writer.WriteString("resource_documentation", options.ResourceDocumentation);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
