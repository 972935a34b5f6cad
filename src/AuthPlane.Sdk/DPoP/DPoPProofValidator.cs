using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Keys;
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
public sealed class DPoPProofValidator : IDisposable
{
    private const int KeyCacheCapacity = 1024;

    private readonly DPoPOptions _options;
    private readonly IDPoPReplayCache _replayCache;
    private readonly DPoPNonceService _nonces;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowedAlgorithms;
    private readonly DPoPProofKeyCache _keys = new(KeyCacheCapacity);
    private readonly long _maxAgeSeconds;
    private readonly long _skewSeconds;

    /// <summary>Creates the validator.</summary>
    public DPoPProofValidator(
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

        // Only the asymmetric algorithms of the shared JwsAlgorithm table (the one tokens use too) can be allowed:
        // none and HMAC are absent from it, so configuring them cannot enable them.
        _allowedAlgorithms = new HashSet<string>(_options.AllowedAlgorithms.Where(name => JwsAlgorithm.TryGet(name, out _)), StringComparer.Ordinal);
    }

    /// <summary>The base64url SHA-256 of the ASCII access token, the value a proof's <c>ath</c> must carry.</summary>
    public static string ComputeAccessTokenHash(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), digest);
        return Base64Url.EncodeToString(digest);
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
        var reason = CheckHeader(jws.Header, request.ExpectedThumbprint, out var algorithm, out var jwk);
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
            var check = _nonces.Check(nonce, jwk!.Thumbprint);
            if (check == DPoPNonceCheck.Invalid)
            {
                return DPoPProofResult.Reject(RejectionReason.DPoPNonceRequired, _nonces.Issue(jwk.Thumbprint));
            }

            freshNonce = check == DPoPNonceCheck.ValidAging ? _nonces.Issue(jwk.Thumbprint) : null;
        }

        if (!VerifySignature(proof, jws, algorithm!, jwk!))
        {
            return DPoPProofResult.Reject(RejectionReason.DPoPInvalidSignature);
        }

        var expiresAt = NumericDate.FromUnixSecondsSaturating(issuedAt + _maxAgeSeconds + _skewSeconds);
        var replay = await _replayCache.TryAddAsync(ReplayKey(jwk!.Thumbprint, jti!), expiresAt, cancellationToken).ConfigureAwait(false);
        switch (replay)
        {
            case ReplayCheckResult.Added:
                return DPoPProofResult.Success(jwk.Thumbprint, freshNonce);
            case ReplayCheckResult.Replayed:
                return DPoPProofResult.Reject(RejectionReason.DPoPReplayed);
            default:
                if (_options.ReplayStoreFailOpen)
                {
                    DPoPLog.ReplayStoreFailOpen(_logger);
                    return DPoPProofResult.Success(jwk.Thumbprint, freshNonce);
                }

                DPoPLog.ReplayStoreUnavailable(_logger);
                return DPoPProofResult.Reject(RejectionReason.ReplayStoreUnavailable);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();

    /// <summary>The replay-cache key: the thumbprint and a hash of the <c>jti</c> (fixed length whatever the client sends).</summary>
    internal static string ReplayKey(string thumbprint, string jti)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(jti), digest);
        return string.Concat(thumbprint, ".", Base64Url.EncodeToString(digest));
    }

    private RejectionReason CheckHeader(JsonElement header, string? expectedThumbprint, out JwsAlgorithm? algorithm, out DPoPPublicJwk? jwk)
    {
        algorithm = null;
        jwk = null;
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

        var reason = DPoPJwkReader.Read(header, found, out jwk);
        if (reason != RejectionReason.None)
        {
            return reason;
        }

        if (expectedThumbprint is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(jwk!.Thumbprint), Encoding.ASCII.GetBytes(expectedThumbprint)))
        {
            return RejectionReason.DPoPKeyBindingMismatch;
        }

        return RejectionReason.None;
    }

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

        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(ath.GetString()!),
                Encoding.ASCII.GetBytes(ComputeAccessTokenHash(request.AccessToken))))
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

    private bool VerifySignature(string proof, CompactJws jws, JwsAlgorithm algorithm, DPoPPublicJwk jwk)
    {
        Span<byte> signingInput = jws.SigningInputLength <= 8192
            ? stackalloc byte[jws.SigningInputLength]
            : new byte[jws.SigningInputLength];
        Encoding.ASCII.GetBytes(proof.AsSpan(0, jws.SigningInputLength), signingInput);

        if (_keys.TryGet(jwk.Thumbprint, out var cached))
        {
            return cached!.Verify(algorithm, signingInput, jws.Signature);
        }

        // Import only now, after every cheaper check passed, including the thumbprint binding.
        var key = jwk.Import();
        if (key is null)
        {
            return false;
        }

        var verified = key.Verify(algorithm, signingInput, jws.Signature);
        if (!verified || !_keys.TryAdd(jwk.Thumbprint, key))
        {
            key.Dispose();
        }

        return verified;
    }
}
