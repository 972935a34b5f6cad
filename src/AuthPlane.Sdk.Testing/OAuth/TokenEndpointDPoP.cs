using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.DPoP;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.Testing.OAuth;

// DPoP proofs at the token endpoint, checked as AuthPlane checks them (RFC 9449 §4.3): one proof, typ dpop+jwt, an
// allowed alg, a public jwk that verifies the signature, htm POST, htu naming the token endpoint (scheme and host
// case-insensitive, path exact, no query), iat within the proof lifetime either way, an unused jti and, when
// required, a server nonce this authority issued and that has not expired. The answer is the key's RFC 7638
// thumbprint (the cnf.jkt of the token to issue), or null after writing AuthPlane's 400 error.
internal sealed class TokenEndpointDPoP(TestAuthorityOptions options)
{
    public const string HeaderName = "DPoP";
    public const string NonceHeaderName = "DPoP-Nonce";

    private const int MaxProofLength = 8 * 1024;
    private static readonly TimeSpan NonceLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _usedJtis = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    public async Task<string?> ValidateAsync(HttpContext context, Uri tokenEndpoint)
    {
        var now = options.TimeProvider.GetUtcNow();
        Prune(_usedJtis, now);
        Prune(_nonces, now);
        if (options.RequireDPoPNonce)
        {
            // AuthPlane sends a fresh nonce on every token response to a request that carried a proof.
            context.Response.Headers[NonceHeaderName] = IssueNonce(now);
        }

        var values = context.Request.Headers[HeaderName];
        if (values.Count != 1 || Read(values.ToString(), tokenEndpoint, now) is not { } proof)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidDPoPProof, "DPoP proof is invalid").ConfigureAwait(false);
            return null;
        }

        if (options.RequireDPoPNonce && proof.Nonce is null)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.UseDPoPNonce, "server nonce is required in DPoP proof").ConfigureAwait(false);
            return null;
        }

        if (options.RequireDPoPNonce && !(_nonces.TryGetValue(proof.Nonce!, out var nonceExpiry) && nonceExpiry > now))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.UseDPoPNonce, "DPoP proof nonce does not match server-issued nonce").ConfigureAwait(false);
            return null;
        }

        if (!_usedJtis.TryAdd(proof.Jti, now + (2 * options.DPoPProofLifetime)))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthParameters.InvalidDPoPProof, "DPoP proof jti has already been used").ConfigureAwait(false);
            return null;
        }

        return proof.Thumbprint;
    }

    private string IssueNonce(DateTimeOffset now)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _nonces[nonce] = now + NonceLifetime;
        return nonce;
    }

    private static void Prune(ConcurrentDictionary<string, DateTimeOffset> entries, DateTimeOffset now)
    {
        foreach (var (key, expiry) in entries)
        {
            if (expiry <= now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private (string Thumbprint, string Jti, string? Nonce)? Read(string proof, Uri tokenEndpoint, DateTimeOffset now)
    {
        var parts = proof.Split('.');
        if (proof.Length > MaxProofLength || parts.Length != 3)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) is not JsonObject header
                || JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is not JsonObject claims
                || !string.Equals(Text(header, "typ"), "dpop+jwt", StringComparison.OrdinalIgnoreCase)
                || Text(header, "alg") is not { } alg || !options.DPoPSigningAlgorithms.Contains(alg, StringComparer.Ordinal)
                || header["jwk"] is not JsonObject jwk || jwk.ContainsKey("d")
                || Text(claims, "jti") is not { Length: > 0 } jti
                || Text(claims, "htm") != "POST"
                || !SameEndpoint(Text(claims, "htu"), tokenEndpoint)
                || claims["iat"] is not JsonValue iatValue || !iatValue.TryGetValue<long>(out var iat)
                || Math.Abs(now.ToUnixTimeSeconds() - iat) > (long)options.DPoPProofLifetime.TotalSeconds)
            {
                return null;
            }

            var signingInput = Encoding.ASCII.GetBytes(proof[..(parts[0].Length + 1 + parts[1].Length)]);
            var signature = Base64Url.DecodeFromChars(parts[2]);
            var thumbprint = VerifyWithJwk(jwk, alg, signingInput, signature);
            return thumbprint is null ? null : (thumbprint, jti, Text(claims, "nonce"));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    // The thumbprint of jwk when it is a key of alg's family that verifies signature; null otherwise.
    private static string? VerifyWithJwk(JsonObject jwk, string alg, byte[] signingInput, byte[] signature)
    {
        var hash = new HashAlgorithmName("SHA" + alg[2..]);
        if (alg.StartsWith("ES", StringComparison.Ordinal))
        {
            var curve = alg switch { "ES256" => "P-256", "ES384" => "P-384", _ => "P-521" };
            if (Text(jwk, "kty") != "EC" || Text(jwk, "crv") != curve || Text(jwk, "x") is not { } x || Text(jwk, "y") is not { } y)
            {
                return null;
            }

            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.CreateFromFriendlyName(curve switch { "P-256" => "nistP256", "P-384" => "nistP384", _ => "nistP521" }),
                Q = new ECPoint { X = Base64Url.DecodeFromChars(x), Y = Base64Url.DecodeFromChars(y) },
            });
            return ecdsa.VerifyData(signingInput, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? JwkThumbprint.ComputeEc(curve, x, y) : null;
        }

        if (Text(jwk, "kty") != "RSA" || Text(jwk, "n") is not { } n || Text(jwk, "e") is not { } e)
        {
            return null;
        }

        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) });
        var padding = alg[0] == 'P' ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return rsa.KeySize >= 2048 && rsa.VerifyData(signingInput, signature, hash, padding) ? JwkThumbprint.ComputeRsa(e, n) : null;
    }

    private static bool SameEndpoint(string? htu, Uri endpoint)
        => Uri.TryCreate(htu, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.AbsolutePath, endpoint.AbsolutePath, StringComparison.Ordinal);

    private static string? Text(JsonObject json, string name)
        => json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
