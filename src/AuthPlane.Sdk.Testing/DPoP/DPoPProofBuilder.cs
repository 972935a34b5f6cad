using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.DPoP;

namespace AuthPlane.Sdk.Testing.DPoP;

/// <summary>
/// Builds DPoP proofs (RFC 9449 §4.2) for tests of a protected server: valid by default, with a knob for every
/// way a proof can be wrong. Each <c>With…</c> method changes this builder and returns it.
/// </summary>
/// <example>
/// <code>
/// using var key = DPoPKey.Create("ES256");
/// var proof = new DPoPProofBuilder(key, "POST", "https://mcp.example.com/mcp").WithAccessToken(token).Build();
/// </code>
/// </example>
public sealed class DPoPProofBuilder
{
    private readonly DPoPKey _key;
    private readonly JsonObject _header;
    private readonly JsonObject _claims;
    private bool _corruptSignature;

    /// <summary>Starts a valid proof by <paramref name="key"/> for <paramref name="method"/> <paramref name="url"/>, issued now, with a random <c>jti</c>.</summary>
    public DPoPProofBuilder(DPoPKey key, string method, string url, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = key.Algorithm, ["jwk"] = key.PublicJwk() };
        _claims = new JsonObject
        {
            ["jti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds(),
        };
    }

    /// <summary>Sets <c>ath</c> to the hash of <paramref name="accessToken"/>.</summary>
    public DPoPProofBuilder WithAccessToken(string accessToken) => WithClaim("ath", DPoPAccessTokenHash.Compute(accessToken));

    /// <summary>Sets <c>ath</c> to <paramref name="ath"/> as given; null removes it.</summary>
    public DPoPProofBuilder WithAccessTokenHash(string? ath) => WithClaim("ath", ath);

    /// <summary>Sets the header <c>typ</c>; null removes it.</summary>
    public DPoPProofBuilder WithType(string? typ) => WithHeader("typ", typ);

    /// <summary>Sets the header <c>alg</c> (the signature is still made with the key's own algorithm); null removes it.</summary>
    public DPoPProofBuilder WithAlgorithm(string? alg) => WithHeader("alg", alg);

    /// <summary>Replaces the header <c>jwk</c>; null removes it.</summary>
    public DPoPProofBuilder WithJwk(JsonObject? jwk) => WithHeader("jwk", jwk);

    /// <summary>Puts the key's private members into the header <c>jwk</c>.</summary>
    public DPoPProofBuilder WithPrivateJwk() => WithHeader("jwk", _key.PrivateJwk());

    /// <summary>Sets <c>htm</c>; null removes it.</summary>
    public DPoPProofBuilder WithMethod(string? method) => WithClaim("htm", method);

    /// <summary>Sets <c>htu</c>; null removes it.</summary>
    public DPoPProofBuilder WithUrl(string? url) => WithClaim("htu", url);

    /// <summary>Sets <c>iat</c> (whole seconds).</summary>
    public DPoPProofBuilder WithIssuedAt(DateTimeOffset issuedAt) => WithClaim("iat", issuedAt.ToUnixTimeSeconds());

    /// <summary>Sets <c>exp</c> (whole seconds); null removes it.</summary>
    public DPoPProofBuilder WithExpiry(DateTimeOffset? expiresAt) => WithClaim("exp", expiresAt?.ToUnixTimeSeconds());

    /// <summary>Sets <c>jti</c>; null removes it.</summary>
    public DPoPProofBuilder WithJti(string? jti) => WithClaim("jti", jti);

    /// <summary>Sets <c>nonce</c> (the server's last <c>DPoP-Nonce</c>); null removes it.</summary>
    public DPoPProofBuilder WithNonce(string? nonce) => WithClaim("nonce", nonce);

    /// <summary>Sets any header member; a null value removes it.</summary>
    public DPoPProofBuilder WithHeader(string name, JsonNode? value) => Set(_header, name, value);

    /// <summary>Sets any payload claim; a null value removes it.</summary>
    public DPoPProofBuilder WithClaim(string name, JsonNode? value) => Set(_claims, name, value);

    /// <summary>Flips one bit of the signature so it no longer verifies.</summary>
    public DPoPProofBuilder WithCorruptSignature()
    {
        _corruptSignature = true;
        return this;
    }

    /// <summary>Builds the compact JWS proof for the <c>DPoP</c> header.</summary>
    public string Build() => Build(_header.ToJsonString(), _claims.ToJsonString());

    /// <summary>Builds a proof from raw header and payload JSON (for example with a repeated member), signed by the key.</summary>
    public string Build(string headerJson, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(headerJson);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = _key.Sign(Encoding.ASCII.GetBytes(signingInput));
        if (_corruptSignature)
        {
            signature[^1] ^= 0x01;
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private DPoPProofBuilder Set(JsonObject target, string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value.Parent is null ? value : value.DeepClone();
        }

        return this;
    }
}
