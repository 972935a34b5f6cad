namespace AuthPlane.Sdk.Configuration;

/// <summary>
/// The configured resource URI read once into what the SDK derives from it: the exact value (compared with
/// <c>aud</c>), its origin (the DPoP <c>htu</c> base), its RFC 9728 well-known path and its metadata URL (the
/// <c>resource_metadata</c> of challenges). Every part of the SDK that needs one of these takes it from here.
/// </summary>
internal sealed class ResourceIdentifier
{
    /// <summary>The well-known prefix of Protected Resource Metadata (RFC 9728 §3.1).</summary>
    public const string WellKnownPrefix = "/.well-known/oauth-protected-resource";

    private ResourceIdentifier(string value, Uri uri)
    {
        Value = value;

        // scheme://host[:port] with the default port dropped; a request's path is appended to it as received.
        Origin = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        WellKnownPath = WellKnownPrefix + uri.AbsolutePath.TrimEnd('/');
        MetadataUrl = uri.GetLeftPart(UriPartial.Authority) + WellKnownPath;
    }

    /// <summary>The configured resource URI, exact bytes.</summary>
    public string Value { get; }

    /// <summary><c>scheme://host[:port]</c>, the default port dropped.</summary>
    public string Origin { get; }

    /// <summary><c>/.well-known/oauth-protected-resource</c> followed by the resource's path, a trailing slash dropped.</summary>
    public string WellKnownPath { get; }

    /// <summary>The absolute URL of the metadata document: the resource's authority followed by <see cref="WellKnownPath"/>.</summary>
    public string MetadataUrl { get; }

    /// <summary>Reads <paramref name="resource"/> when it is an absolute <c>http</c> or <c>https</c> URI.</summary>
    /// <param name="resource">The configured resource URI.</param>
    /// <param name="identifier">What is derived from it; <see langword="null"/> when it is not usable.</param>
    /// <returns>True when <paramref name="resource"/> is an absolute http(s) URI.</returns>
    public static bool TryParse(string? resource, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResourceIdentifier? identifier)
    {
        identifier = !string.IsNullOrEmpty(resource)
            && Uri.TryCreate(resource, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? new ResourceIdentifier(resource, uri)
                : null;
        return identifier is not null;
    }
}
