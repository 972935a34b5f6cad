using System.Text.Json.Serialization;

namespace AuthPlane.Sdk.Testing.OAuth;

// A client the authority knows: registered in code (RegisterClient, confidential, no redirect URIs) or through
// RFC 7591 dynamic registration. Only the SHA-256 of a secret is kept, so the state file holds no secret.
internal sealed record RegisteredClient(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("secret_sha256")] byte[]? SecretHash,
    [property: JsonPropertyName("token_endpoint_auth_method")] string AuthMethod,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("client_id_issued_at")] long IssuedAt)
{
    public const string PublicMethod = "none";

    [JsonIgnore]
    public bool IsPublic => AuthMethod == PublicMethod;

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(ClientName) ? ClientId : ClientName;

    public bool AllowsGrant(string grantType) => GrantTypes.Contains(grantType, StringComparer.Ordinal);
}
