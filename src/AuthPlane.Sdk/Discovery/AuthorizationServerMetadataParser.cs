using System.Text.Json;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Validates an RFC 8414 metadata document against the configured issuer. Total: any bytes give either metadata or an
/// <see cref="AuthPlaneAuthorityMetadataException"/> (never another exception), because the UTF-8 is checked before parsing.
/// </summary>
internal static class AuthorizationServerMetadataParser
{
    /// <summary>Parses <paramref name="json"/>.</summary>
    /// <exception cref="AuthPlaneAuthorityMetadataException">The document is not trustworthy metadata for <paramref name="configuredIssuer"/>.</exception>
    public static AuthorizationServerMetadata Parse(ReadOnlySpan<byte> json, string configuredIssuer, bool devMode)
    {
        if (!JsonText.IsWellFormed(json))
        {
            throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InvalidDocument, "The authorization server metadata is not well-formed UTF-8.");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InvalidDocument, "The authorization server metadata is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InvalidDocument, "The authorization server metadata is not a JSON object.");
            }

            var issuer = GetString(root, "issuer");
            if (string.IsNullOrEmpty(issuer))
            {
                throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InvalidDocument, "The authorization server metadata has no issuer.");
            }

            // RFC 8414 §3.3: the issuer must be identical to the one the metadata was requested for — byte for byte,
            // so a trailing-slash difference is a mismatch.
            if (!string.Equals(issuer, configuredIssuer, StringComparison.Ordinal))
            {
                throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InvalidDocument, "The authorization server metadata issuer does not match the configured issuer (issuer mismatch).");
            }

            var jwksUri = GetString(root, "jwks_uri");
            if (string.IsNullOrEmpty(jwksUri))
            {
                throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.MissingEndpoint, "The authorization server metadata has no jwks_uri, which token verification needs.");
            }

            if (!EndpointUri.TryParse(jwksUri, devMode, out var jwks))
            {
                throw new AuthPlaneAuthorityMetadataException(AuthorityMetadataFailure.InsecureEndpoint, "The authorization server metadata jwks_uri is not an absolute https URL (http is allowed only in dev mode).");
            }

            var invalid = new HashSet<string>(StringComparer.Ordinal);
            return new AuthorizationServerMetadata
            {
                Issuer = issuer,
                JwksUri = jwks,
                TokenEndpoint = OptionalEndpoint(root, "token_endpoint", devMode, invalid),
                IntrospectionEndpoint = OptionalEndpoint(root, "introspection_endpoint", devMode, invalid),
                RevocationEndpoint = OptionalEndpoint(root, "revocation_endpoint", devMode, invalid),
                DPoPSigningAlgorithms = GetStrings(root, "dpop_signing_alg_values_supported"),
                InvalidEndpoints = invalid,
            };
        }
    }

    private static Uri? OptionalEndpoint(JsonElement root, string member, bool devMode, HashSet<string> invalid)
    {
        if (!root.TryGetProperty(member, out _))
        {
            return null;
        }

        if (EndpointUri.TryParse(GetString(root, member), devMode, out var uri))
        {
            return uri;
        }

        invalid.Add(member);
        return null;
    }

    private static string? GetString(JsonElement root, string member)
        => root.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] GetStrings(JsonElement root, string member)
    {
        if (!root.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
            {
                values.Add(text);
            }
        }

        return [.. values];
    }
}
