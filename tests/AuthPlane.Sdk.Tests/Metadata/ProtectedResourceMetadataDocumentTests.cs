using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Metadata;
using AuthPlane.Sdk.Tests.Conformance;
using Xunit;

namespace AuthPlane.Sdk.Tests.Metadata;

public class ProtectedResourceMetadataDocumentTests
{
    private static AuthPlaneOptions Options(string resource = "https://api.example.com/mcp", DPoPMode mode = DPoPMode.Allowed, params string[] scopes) =>
        new()
        {
            Issuer = "https://auth.example.com",
            Resource = resource,
            Scopes = scopes,
            DPoP = new DPoPOptions { Mode = mode },
        };

    private static string Json(ProtectedResourceMetadataDocument metadata) => Encoding.UTF8.GetString(metadata.Utf8Json.Span);

    private static JsonElement Parse(ProtectedResourceMetadataDocument metadata) => JsonDocument.Parse(metadata.Utf8Json).RootElement;

    [Fact]
    public void Document_has_the_exact_bytes_and_field_order_with_dpop_allowed()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(scopes: ["read:data", "write:data"]));

        Assert.Equal(
            """{"resource":"https://api.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["read:data","write:data"],"bearer_methods_supported":["header"],"dpop_signing_alg_values_supported":["ES256","RS256","PS256"],"dpop_bound_access_tokens_required":false}""",
            Json(metadata));
    }

    [Fact]
    public void Document_without_dpop_has_no_dpop_fields()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(mode: DPoPMode.Disabled, scopes: ["read"]));

        Assert.Equal(
            """{"resource":"https://api.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["read"],"bearer_methods_supported":["header"]}""",
            Json(metadata));
    }

    [Fact]
    public void Document_ends_with_resource_name_and_documentation_when_configured()
    {
        var options = Options(mode: DPoPMode.Required);
        options.ResourceName = "Calendar \"MCP\"";
        options.ResourceDocumentation = "https://docs.example.com/mcp?a=1&b=2";

        var metadata = new ProtectedResourceMetadataDocument(options);

        Assert.Equal(
            """{"resource":"https://api.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":[],"bearer_methods_supported":["header"],"dpop_signing_alg_values_supported":["ES256","RS256","PS256"],"dpop_bound_access_tokens_required":true,"resource_name":"Calendar \"MCP\"","resource_documentation":"https://docs.example.com/mcp?a=1&b=2"}""",
            Json(metadata));
    }

    [Fact]
    public void Resource_is_published_with_its_exact_bytes()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://API.Example.com:443/Mcp/"));

        Assert.Equal("https://API.Example.com:443/Mcp/", Parse(metadata).GetProperty("resource").GetString());
    }

    [Fact]
    [ConformanceCase("rfc9728-prm-must-contain-required-fields")]
    public void Prm_contains_the_required_top_level_fields()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://api.example.com", scopes: ["read:data", "write:data"]));
        var root = Parse(metadata);

        foreach (var field in new[] { "resource", "authorization_servers", "bearer_methods_supported", "scopes_supported" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        Assert.Equal("https://api.example.com", root.GetProperty("resource").GetString());
        Assert.Equal(["read:data", "write:data"], root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    [ConformanceCase("rfc9728-prm-authorization-servers-must-list-the-issuer")]
    public void Prm_authorization_servers_is_the_configured_issuer()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://api.example.com"));

        Assert.Equal(["https://auth.example.com"], Parse(metadata).GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    [ConformanceCase("rfc9728-prm-supported-bearer-methods-should-be-stable")]
    public void Prm_bearer_methods_supported_is_header_in_every_mode()
    {
        foreach (var mode in Enum.GetValues<DPoPMode>())
        {
            var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://api.example.com", mode: mode));

            Assert.Equal(["header"], Parse(metadata).GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Theory]
    [ConformanceCase("rfc9728-well-known-path-must-derive-from-resource-uri")]
    [InlineData("https://api.example.com", "/.well-known/oauth-protected-resource")]
    [InlineData("https://api.example.com/mcp", "/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://api.example.com/v2/mcp", "/.well-known/oauth-protected-resource/v2/mcp")]
    [InlineData("https://api.example.com/mcp/", "/.well-known/oauth-protected-resource/mcp")]
    public void Well_known_path_is_derived_from_the_resource_uri(string resource, string expected)
    {
        Assert.Equal(expected, ProtectedResourceMetadataDocument.GetWellKnownPath(resource));
    }

    [Fact]
    [ConformanceCase("rfc9728-prm-dpop-fields-should-be-advertised-when-dpop-is-supported")]
    public void Prm_advertises_the_dpop_signing_algorithms_when_dpop_is_supported()
    {
        var options = Options(resource: "https://api.example.com", scopes: ["read:data"]);
        options.DPoP.AllowedAlgorithms = ["ES256", "RS256"];

        var root = Parse(new ProtectedResourceMetadataDocument(options));

        Assert.Equal(["ES256", "RS256"], root.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.GetProperty("dpop_bound_access_tokens_required").GetBoolean());
    }

    [Fact]
    [ConformanceCase("rfc9728-prm-must-advertise-dpop-required-when-resource-requires-dpop")]
    public void Prm_advertises_dpop_bound_access_tokens_required_when_dpop_is_required()
    {
        var options = Options(resource: "https://api.example.com", mode: DPoPMode.Required, scopes: ["read:data"]);
        options.DPoP.AllowedAlgorithms = ["ES256", "RS256"];

        var root = Parse(new ProtectedResourceMetadataDocument(options));

        Assert.True(root.GetProperty("dpop_bound_access_tokens_required").GetBoolean());
        Assert.Equal(["ES256", "RS256"], root.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Resource_without_path_is_served_only_at_the_root_path()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://api.example.com/"));

        Assert.Equal(["/.well-known/oauth-protected-resource"], metadata.WellKnownPaths);
    }

    [Fact]
    public void Resource_with_path_is_served_at_root_and_path_derived_paths()
    {
        var metadata = new ProtectedResourceMetadataDocument(Options(resource: "https://api.example.com/v2/mcp/"));

        Assert.Equal(["/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/v2/mcp"], metadata.WellKnownPaths);
    }

    [Theory]
    [InlineData("https://api.example.com/mcp", "https://api.example.com/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://api.example.com", "https://api.example.com/.well-known/oauth-protected-resource")]
    [InlineData("http://127.0.0.1:5099/mcp/", "http://127.0.0.1:5099/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://api.example.com:8443/a/mcp", "https://api.example.com:8443/.well-known/oauth-protected-resource/a/mcp")]
    public void Metadata_url_joins_the_resource_origin_and_the_well_known_path(string resource, string expected)
    {
        Assert.Equal(expected, ProtectedResourceMetadataDocument.GetMetadataUrl(resource));
        Assert.Equal(expected, new ProtectedResourceMetadataDocument(Options(resource: resource)).MetadataUrl);
    }

    [Fact]
    public void Missing_resource_is_refused()
    {
        var options = Options();
        options.Resource = null;

        Assert.Throws<ArgumentException>(() => new ProtectedResourceMetadataDocument(options));
    }
}
