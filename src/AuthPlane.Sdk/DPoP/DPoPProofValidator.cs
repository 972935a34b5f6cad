using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Validates the DPoP proof of a request to this resource server (RFC 9449 §4.3, §7.1), cheapest checks
/// first: header count and size, compact JWS, <c>typ</c>, <c>alg</c>, public <c>jwk</c>, the key thumbprint
/// against the token's <c>cnf.jkt</c> (before any signature work), <c>htm</c>, <c>htu</c>, <c>iat</c>,
/// <c>exp</c>, <c>ath</c>, <c>jti</c>, the server nonce when required, the signature, and finally the atomic
/// replay insert. Expected rejections are returned, never thrown.
/// </summary>
internal sealed class DPoPProofValidator : IDisposable
{
    private readonly DPoPOptions _options;
    private readonly IDPoPReplayCache _replayCache;
    private readonly DPoPNonceService _nonces;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowedAlgorithms;
    private readonly DPoPProofKeyCache _keys;
    private readonly long _maxAgeSeconds;
    private readonly long _skewSeconds;

    /// <summary>Creates the validator.</summary>
    internal DPoPProofValidator(
        IOptions<AuthPlaneOptions> options,
        IDPoPReplayCache replayCache,
        DPoPNonceService nonces,
        TimeProvider time,
        ILogger<DPoPProofValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replayCache);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value.DPoP;
        _replayCache = replayCache;
        _nonces = nonces;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxAgeSeconds = (long)_options.ProofMaxAge.TotalSeconds;
        _skewSeconds = (long)_options.ProofClockSkew.TotalSeconds;
        _keys = new DPoPProofKeyCache(_options.ProofKeyCacheCapacity);

        // Only the asymmetric algorithms of the shared JwsAlgorithm table (the one tokens use too) can be allowed:
        // none and HMAC are absent from it, so configuring them cannot enable them.
        _allowedAlgorithms = new HashSet<string>(_options.AllowedAlgorithms.Where(name => JwsAlgorithm.TryGet(name, out _)), StringComparer.Ordinal);
    }

    /// <summary>Validates the proof of <paramref name="request"/>; on success the result carries the proof key's thumbprint.</summary>
    public async ValueTask<DPoPProofResult> ValidateAsync(DPoPProofRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Proofs.Count != 1 || request.Proofs[0] is not { } proof || proof.Contains(',', StringComparison.Ordinal))
        {
            return DPoPProofResult.Reject(request.Proofs.Count == 0 ? RejectionReason.MalformedDPoPProof : RejectionReason.MultipleDPoPProofs);
        }

        if (proof.Length > _options.MaxProofBytes)
        {
            return DPoPProofResult.Reject(RejectionReason.DPoPProofTooLarge);
        }

        if (CompactJws.TryParse(proof, out var parsed) != CompactJwsStatus.Ok)
        {
            return DPoPProofResult.Reject(RejectionReason.MalformedDPoPProof);
        }

        using var jws = parsed!;

        // The header first, so that "alg": "none" (whose signature is empty) is named as a refused algorithm.
        var reason = CheckHeader(jws.Header, request.ExpectedThumbprint, out var algorithm, out var key);
        if (reason != RejectionReason.None)
        {
            return DPoPProofResult.Reject(reason);
        }

        if (jws.Signature.Length == 0)
        {
            return DPoPProofResult.Reject(RejectionReason.DPoPInvalidSignature);
        }

        reason = CheckClaims(jws.Payload, request, out var issuedAt, out var jti);
        if (reason != RejectionReason.None)
        {
            return DPoPProofResult.Reject(reason);
        }

        string? freshNonce = null;
        if (_options.RequireNonce)
        {
            var nonce = jws.Payload.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var check = _nonces.Check(nonce, key.Thumbprint);
            if (check == DPoPNonceCheck.Invalid)
            {
                return DPoPProofResult.Reject(RejectionReason.DPoPNonceRequired, _nonces.Issue(key.Thumbprint));
            }

            freshNonce = check == DPoPNonceCheck.ValidAging ? _nonces.Issue(key.Thumbprint) : null;
        }

        if (!VerifySignature(proof, jws, algorithm!, key))
        {
            return DPoPProofResult.Reject(RejectionReason.DPoPInvalidSignature);
        }

        var expiresAt = NumericDate.FromUnixSecondsSaturating(issuedAt + _maxAgeSeconds + _skewSeconds);
        var entry = new DPoPReplayEntry(key.Thumbprint, jti!, NumericDate.FromUnixSecondsSaturating(issuedAt), expiresAt);
        var replay = await _replayCache.TryAddAsync(entry, cancellationToken).ConfigureAwait(false);
        switch (replay)
        {
            case ReplayCheckResult.Added:
                return DPoPProofResult.Success(key.Thumbprint, freshNonce);
            case ReplayCheckResult.Replayed:
                return DPoPProofResult.Reject(RejectionReason.DPoPReplayed);
            case ReplayCheckResult.TooOld:
                // The store evicted entries to stay bounded and can no longer vouch for proofs this old: the
                // freshness check consults its floor here, atomically with the insert (a separate earlier check
                // could race with an eviction).
                return DPoPProofResult.Reject(RejectionReason.DPoPProofTooOld);
            default:
                if (_options.ReplayStoreFailOpen)
                {
                    DPoPLog.ReplayStoreFailOpen(_logger);
                    return DPoPProofResult.Success(key.Thumbprint, freshNonce);
                }

                DPoPLog.ReplayStoreUnavailable(_logger);
                return DPoPProofResult.Reject(RejectionReason.ReplayStoreUnavailable);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();

    private RejectionReason CheckHeader(JsonElement header, string? expectedThumbprint, out JwsAlgorithm? algorithm, out ProofKey key)
    {
        algorithm = null;
        key = default;
        if (!header.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String || !typ.ValueEquals("dpop+jwt"))
        {
            return RejectionReason.InvalidDPoPProofType;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
            || alg.GetString() is not { } name || !_allowedAlgorithms.Contains(name) || !JwsAlgorithm.TryGet(name, out var found))
        {
            return RejectionReason.DPoPAlgorithmNotAllowed;
        }

        algorithm = found;
        if (header.TryGetProperty("crit", out _))
        {
            // RFC 7515 §4.1.11: no extension is understood here, so a proof naming critical ones is refused.
            return RejectionReason.MalformedDPoPProof;
        }

        // A client sends the same jwk bytes with every proof: a cached key read from those bytes skips reading the
        // JWK again, computing its thumbprint and importing it.
        var hasJwk = header.TryGetProperty("jwk", out var jwkMember) && jwkMember.ValueKind == JsonValueKind.Object;
        var jwkHash = hasJwk ? TokenHash.OfUtf8(JsonMarshal.GetRawUtf8Value(jwkMember)) : default;
        if (hasJwk && _keys.TryGet(jwkHash, name, out var cachedThumbprint, out var cachedKey))
        {
            key = new ProofKey(cachedThumbprint!, jwkHash, cachedKey, null);
        }
        else
        {
            var reason = DPoPJwkReader.Read(header, found, out var jwk);
            if (reason != RejectionReason.None)
            {
                return reason;
            }

            key = new ProofKey(jwk!.Thumbprint, jwkHash, null, jwk);
        }

        if (expectedThumbprint is null || !ThumbprintEquals(key.Thumbprint, expectedThumbprint))
        {
            return RejectionReason.DPoPKeyBindingMismatch;
        }

        return RejectionReason.None;
    }

    private static bool ThumbprintEquals(string actual, string expected)
        => actual.Length == expected.Length
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(actual.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));

    private RejectionReason CheckClaims(JsonElement payload, DPoPProofRequest request, out long issuedAt, out string? jti)
    {
        issuedAt = 0;
        jti = null;
        if (!payload.TryGetProperty("htm", out var htm))
        {
            return RejectionReason.DPoPMissingMethodClaim;
        }

        if (htm.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.DPoPInvalidClaimValue;
        }

        if (!htm.ValueEquals(request.Method))
        {
            return RejectionReason.DPoPMethodMismatch;
        }

        if (!payload.TryGetProperty("htu", out var htu))
        {
            return RejectionReason.DPoPMissingUrlClaim;
        }

        if (htu.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.DPoPInvalidClaimValue;
        }

        // RFC 9449 §4.3 item 9: both sides after RFC 3986 §6.2.2 normalisation, each normalised once.
        var proofUrl = HttpTargetUri.Normalize(htu.GetString()!);
        if (proofUrl is null || !string.Equals(proofUrl, HttpTargetUri.Normalize(request.ExpectedUrl), StringComparison.Ordinal))
        {
            return RejectionReason.DPoPUrlMismatch;
        }

        if (!payload.TryGetProperty("iat", out var iat))
        {
            return RejectionReason.DPoPMissingIssuedAtClaim;
        }

        // NumericDate bounds every value to 0..253402300799, so none of the sums below can overflow.
        if (!NumericDate.TryRead(iat, out issuedAt))
        {
            return RejectionReason.DPoPInvalidClaimValue;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (issuedAt < now - _maxAgeSeconds)
        {
            return RejectionReason.DPoPProofTooOld;
        }

        if (issuedAt > now + _skewSeconds)
        {
            return RejectionReason.DPoPProofIssuedInFuture;
        }

        if (payload.TryGetProperty("exp", out var exp))
        {
            if (!NumericDate.TryRead(exp, out var expiresAt))
            {
                return RejectionReason.DPoPInvalidClaimValue;
            }

            if (now > expiresAt + _skewSeconds)
            {
                return RejectionReason.DPoPProofExpired;
            }
        }

        if (!payload.TryGetProperty("ath", out var ath) || ath.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.DPoPAccessTokenHashMissing;
        }

        if (!AccessTokenHashMatches(ath, request))
        {
            return RejectionReason.DPoPAccessTokenHashMismatch;
        }

        if (!payload.TryGetProperty("jti", out var jtiElement))
        {
            return RejectionReason.DPoPMissingTokenIdClaim;
        }

        if (jtiElement.ValueKind != JsonValueKind.String || jtiElement.GetString() is not { Length: > 0 } jtiValue)
        {
            return RejectionReason.DPoPInvalidClaimValue;
        }

        jti = jtiValue;
        return RejectionReason.None;
    }

    /// <summary>
    /// True when <paramref name="ath"/> is the base64url SHA-256 of the access token. The token's hash is reused when
    /// the token verifier already computed it, so the token is hashed once per request. Not a secret comparison:
    /// both sides derive from the token this very request presents.
    /// </summary>
    private static bool AccessTokenHashMatches(JsonElement ath, DPoPProofRequest request)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        (request.AccessTokenHash ?? TokenHash.Of(request.AccessToken)).WriteTo(digest);

        Span<byte> expected = stackalloc byte[Base64Url.GetEncodedLength(SHA256.HashSizeInBytes)];
        Base64Url.EncodeToUtf8(digest, expected);
        return ath.ValueEquals(expected);
    }

    private bool VerifySignature(string proof, CompactJws jws, JwsAlgorithm algorithm, ProofKey key)
    {
        Span<byte> signingInput = jws.SigningInputLength <= 8192
            ? stackalloc byte[jws.SigningInputLength]
            : new byte[jws.SigningInputLength];
        Encoding.ASCII.GetBytes(proof.AsSpan(0, jws.SigningInputLength), signingInput);

        if (key.Cached is { } cached)
        {
            return cached.Verify(algorithm, signingInput, jws.Signature);
        }

        // Import only now, after every cheaper check passed, including the thumbprint binding.
        var imported = key.Jwk!.Import();
        if (imported is null)
        {
            return false;
        }

        var verified = imported.Verify(algorithm, signingInput, jws.Signature);
        if (verified)
        {
            _keys.Add(key.JwkHash, algorithm.Name, key.Thumbprint, imported);
        }
        else
        {
            imported.Dispose();
        }

        return verified;
    }

    /// <summary>The proof's key: its thumbprint and either the cached, imported key or the JWK still to import.</summary>
    private readonly record struct ProofKey(string Thumbprint, TokenHash JwkHash, DPoPProofKey? Cached, DPoPPublicJwk? Jwk);
}
