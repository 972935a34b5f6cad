using System.Buffers;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Keys;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Verifies AuthPlane access tokens (RFC 9068 §4, RFC 8707 audience), cheapest checks first: size, shape, header
/// (<c>typ</c>, <c>alg</c>, embedded keys, <c>crit</c>, <c>kid</c>), claims, then the key lookup and the signature.
/// The JWT is parsed by hand rather than with IdentityModel so that duplicate JSON members are refused and
/// <c>iss</c>/<c>aud</c> are compared byte for byte. Successful results are cached by the token's SHA-256 from the
/// token's second use on (<see cref="SecondUseAdmission"/>), in a <see cref="TokenHashCache{TValue}"/> bounded by
/// <see cref="AuthPlaneOptions.TokenCacheSize"/> and <see cref="AuthPlaneOptions.TokenCacheMaxBytes"/>; on every hit
/// <c>exp</c> is checked again and the key that verified the token must still be in the current, not too old, JWKS —
/// otherwise the token is verified afresh.
/// </summary>
internal sealed class AccessTokenVerifier : IAccessTokenVerifier
{
    private static readonly string[] EmbeddedKeyHeaders = ["jwk", "jku", "x5u", "x5c"];

    private readonly ISigningKeyStore _keys;
    private readonly TimeProvider _timeProvider;
    private readonly string _issuer;
    private readonly string _resource;
    private readonly TimeSpan _clockSkew;
    private readonly int _maxTokenBytes;
    private readonly HashSet<string> _allowedAlgorithms;
    private readonly TokenHashCache<CachedToken> _cache;
    private readonly SecondUseAdmission _admission;
    private readonly AuthPlaneMetrics? _metrics;

    public AccessTokenVerifier(ISigningKeyStore keys, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider, AuthPlaneMetrics? metrics = null)
    {
        _metrics = metrics;
        var value = options.Value;
        _keys = keys;
        _timeProvider = timeProvider;
        _issuer = value.Issuer ?? throw new InvalidOperationException("AuthPlane:Issuer is not configured.");
        _resource = value.Resource ?? throw new InvalidOperationException("AuthPlane:Resource is not configured.");
        _clockSkew = value.ClockSkew;
        _maxTokenBytes = value.MaxTokenBytes;
        _cache = new TokenHashCache<CachedToken>(value.TokenCacheSize, value.TokenCacheMaxBytes);
        _admission = new SecondUseAdmission(_cache.Capacity);

        // Only asymmetric algorithms the SDK implements can ever be allowed: "none" and HS* are absent from
        // JwsAlgorithm, so configuring them (which the options validator refuses anyway) cannot enable them.
        _allowedAlgorithms = new HashSet<string>(
            value.AllowedAlgorithms.Where(name => JwsAlgorithm.TryGet(name, out _)), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask<AccessTokenResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return VerifyAsync(token.AsMemory(), token, cancellationToken);
    }

    /// <summary>
    /// Verifies <paramref name="token"/> given as part of a larger string (the <c>Authorization</c> header value):
    /// a cached token is found without copying it; only a token that must be verified afresh is copied out.
    /// </summary>
    internal ValueTask<AccessTokenResult> VerifyAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken) =>
        VerifyAsync(token, text: null, cancellationToken);

    private ValueTask<AccessTokenResult> VerifyAsync(ReadOnlyMemory<char> characters, string? text, CancellationToken cancellationToken)
    {
        // Tokens are ASCII (base64url and dots), so the character count bounds the byte count for every token
        // that can pass; anything non-ASCII is refused as malformed below.
        if (characters.Length > _maxTokenBytes)
        {
            return ValueTask.FromResult(AccessTokenResult.Reject(RejectionReason.TokenTooLarge));
        }

        var now = _timeProvider.GetUtcNow();
        var cacheKey = TokenHash.Of(characters.Span);
        // The cache entry expires at exp + skew, checked on every hit; an expired token is then refused by the full check.
        if (_cache.Find(cacheKey, now) is { } cached && cached.Value.Token.RawToken.AsSpan().SequenceEqual(characters.Span))
        {
            if (_keys.IsCurrent(cached.Value.Key))
            {
                _metrics?.RecordTokenCacheLookup(hit: true);
                return ValueTask.FromResult(AccessTokenResult.Success(cached.Value.Token));
            }

            // The key left the JWKS (or the keys are past their maximum age): verify afresh, which gives the answer.
            _cache.Remove(cached);
        }

        _metrics?.RecordTokenCacheLookup(hit: false);
        var token = text ?? characters.ToString();
        var status = CompactJws.TryParse(token, out var jws);
        if (status != CompactJwsStatus.Ok)
        {
            return ValueTask.FromResult(AccessTokenResult.Reject(status switch
            {
                CompactJwsStatus.Encrypted => RejectionReason.EncryptedOrNestedToken,
                CompactJwsStatus.DuplicateMember => RejectionReason.DuplicateJsonMember,
                _ => RejectionReason.MalformedToken,
            }));
        }

        using (jws)
        {
            var reason = CheckHeader(jws!.Header, out var algorithm, out var keyId);
            if (reason == RejectionReason.None)
            {
                var expected = new AccessTokenClaims.Expectations(_issuer, _resource, _clockSkew, now);
                reason = AccessTokenClaims.Read(jws.Payload, expected, new AccessTokenClaims.HeaderValues(token, keyId!, algorithm!.Name), out var verified);
                if (reason == RejectionReason.None)
                {
                    var signature = new SignedPart(jws.SigningInputLength, jws.Signature);
                    return VerifySignatureAsync(token, signature, algorithm, verified!, cacheKey, cancellationToken);
                }
            }

            return ValueTask.FromResult(AccessTokenResult.Reject(reason));
        }
    }

    private RejectionReason CheckHeader(JsonElement header, out JwsAlgorithm? algorithm, out string? keyId)
    {
        algorithm = null;
        keyId = null;

        // RFC 7519 §5.2 / RFC 8725 §3.11: a nested JWT (cty JWT) or a JWE (enc) is refused, never decrypted.
        if ((header.TryGetProperty("cty", out var cty) && cty.ValueKind == JsonValueKind.String
                && string.Equals(cty.GetString(), "JWT", StringComparison.OrdinalIgnoreCase))
            || header.TryGetProperty("enc", out _))
        {
            return RejectionReason.EncryptedOrNestedToken;
        }

        // RFC 9068 §2.1 / §4: typ is "at+jwt" ("application/at+jwt" is the same media type).
        if (!header.TryGetProperty("typ", out var typ)
            || typ.ValueKind != JsonValueKind.String
            || !(typ.ValueEquals("at+jwt") || typ.ValueEquals("application/at+jwt")))
        {
            return RejectionReason.InvalidTokenType;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.MissingAlgorithm;
        }

        var algName = alg.GetString();
        if (algName is null || !_allowedAlgorithms.Contains(algName) || !JwsAlgorithm.TryGet(algName, out var found))
        {
            return RejectionReason.AlgorithmNotAllowed;
        }

        foreach (var name in EmbeddedKeyHeaders)
        {
            if (header.TryGetProperty(name, out _))
            {
                return RejectionReason.EmbeddedKeyNotAllowed;
            }
        }

        // RFC 7515 §4.1.11: this verifier understands no extension, so any crit must be refused.
        if (header.TryGetProperty("crit", out _))
        {
            return RejectionReason.UnsupportedCriticalHeader;
        }

        if (!header.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || kid.GetString() is not { Length: > 0 } kidValue)
        {
            return RejectionReason.MissingKeyId;
        }

        algorithm = found;
        keyId = kidValue;
        return RejectionReason.None;
    }

    private async ValueTask<AccessTokenResult> VerifySignatureAsync(
        string token, SignedPart signature, JwsAlgorithm algorithm, VerifiedToken verified, TokenHash cacheKey, CancellationToken cancellationToken)
    {
        var lookup = await _keys.FindAsync(verified.KeyId, algorithm, cancellationToken).ConfigureAwait(false);
        var reason = lookup.Status switch
        {
            KeyLookupStatus.Found => VerifySignature(token, signature, algorithm, lookup.Key!),
            KeyLookupStatus.Unavailable => RejectionReason.AuthorityUnavailable,
            KeyLookupStatus.NotUsable => RejectionReason.SigningKeyNotUsable,
            _ => RejectionReason.UnknownSigningKey,
        };
        if (reason != RejectionReason.None)
        {
            return AccessTokenResult.Reject(reason);
        }

        verified.Hash = cacheKey;
        if (_admission.AdmitAfterFirstUse(cacheKey))
        {
            _cache.Store(cacheKey, new CachedToken(verified, lookup.Key!), NumericDate.AddSaturating(verified.ExpiresAt, _clockSkew), _timeProvider.GetUtcNow(), EstimateBytes(verified));
        }

        return AccessTokenResult.Success(verified);
    }

    private static RejectionReason VerifySignature(string token, SignedPart signature, JwsAlgorithm algorithm, SigningKey key)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(signature.SigningInputLength);
        try
        {
            var written = Encoding.ASCII.GetBytes(token.AsSpan(0, signature.SigningInputLength), buffer);
            return key.Verify(algorithm, buffer.AsSpan(0, written), signature.Signature)
                ? RejectionReason.None
                : RejectionReason.InvalidSignature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The raw token (UTF-16), its cloned claims (about the payload's size) and the claim strings read from them.
    private static long EstimateBytes(VerifiedToken token) => (4L * token.RawToken.Length) + 1024;

    /// <summary>A verified token and the JWKS key that verified it, as cached.</summary>
    private sealed record CachedToken(VerifiedToken Token, SigningKey Key);

    /// <summary>What the signature check needs of the parsed token once its JSON documents are released.</summary>
    private readonly record struct SignedPart(int SigningInputLength, byte[] Signature);
}
