using System.Text.Json.Nodes;
using AuthPlane.Sdk.Tokens;

namespace AuthPlane.Sdk.Testing;

/// <summary>
/// What <see cref="TestAuthority.MintAccessToken"/> puts in a token. Defaults give a valid AuthPlane access token
/// for the requested resource; change any value, or use <see cref="Claims"/> and <see cref="Header"/> to add,
/// replace or (with a null value) remove any claim or header member.
/// </summary>
public sealed class AccessTokenDescriptor
{
    /// <summary>The <c>sub</c>; <c>user-123</c> by default.</summary>
    public string Subject { get; set; } = "user-123";

    /// <summary>The <c>client_id</c>; <c>test-client</c> by default.</summary>
    public string ClientId { get; set; } = "test-client";

    /// <summary>The <c>aud</c> values, written as a JSON array; the requested resource by default.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>The granted scopes, written space-delimited as <c>scope</c> (omitted when empty).</summary>
    public IList<string> Scopes { get; set; } = [];

    /// <summary>The <c>iat</c>; the authority clock's now by default.</summary>
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The <c>nbf</c>; the authority clock's now by default; null omits it.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The <c>exp</c>; now plus the authority's token lifetime by default.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The <c>jti</c>; a random value by default.</summary>
    public string TokenId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The RFC 7638 thumbprint written as <c>cnf.jkt</c> (a DPoP-bound token); null for none.</summary>
    public string? ConfirmationThumbprint { get; set; }

    /// <summary>AuthPlane's <c>agent_id</c>; null for none.</summary>
    public string? AgentId { get; set; }

    /// <summary>AuthPlane's <c>agent_chain</c>; null for none.</summary>
    public IList<string>? AgentChain { get; set; }

    /// <summary>The <c>act</c> delegation chain, current actor first (written as nested <c>act</c> objects); null for none.</summary>
    public IList<TokenActor>? Actors { get; set; }

    /// <summary>Extra or replacement claims; a null value removes the claim.</summary>
    public IDictionary<string, JsonNode?> Claims { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>Extra or replacement JOSE header members (for example <c>typ</c>); a null value removes the member.</summary>
    public IDictionary<string, JsonNode?> Header { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>The key that signs; the authority's active key by default.</summary>
    public TestSigningKey? SigningKey { get; set; }

    /// <summary>Raw signature bytes to use instead of a real signature (for example all zeros, or empty).</summary>
    public byte[]? Signature { get; set; }
}
