using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>
/// The cost of accepting one request's credentials, measured beside the baselines DESIGN §6 asks for, in the same run
/// and on the same ES256 token: the raw P-256 signature check (the floor), <see cref="JsonWebTokenHandler"/>
/// validation, and a DPoP proof check that imports the proof's <c>jwk</c> on every request; then the SDK's own
/// <see cref="IAccessTokenVerifier"/> (fresh and cached tokens, and three rejections) and its request verifier with a
/// DPoP-bound token and a fresh proof per request.
/// </summary>
/// <remarks>
/// Every iteration runs exactly <see cref="InvocationsPerIteration"/> invocations, so that an
/// <c>[IterationSetup]</c> can mint that many never-seen tokens and proofs (unique <c>jti</c>) for the benchmarks
/// that must not hit the SDK's token cache or its DPoP replay cache.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(InvocationsPerIteration, unrollFactor: 16)]
public class AccessTokenValidationBenchmarks : IDisposable
{
    /// <summary>Invocations per iteration, and so the number of fresh tokens or proofs minted before each iteration.</summary>
    public const int InvocationsPerIteration = 8192;

    // The microsecond-scale cases repeat their call this many times per invocation (BenchmarkDotNet divides the
    // results by it), so that an iteration of InvocationsPerIteration invocations still lasts well over 100 ms.
    private const int RepeatsPerInvoke = 16;

    private const string OtherResource = "https://other.example.com/mcp";

    private readonly ECDsa _authorityPublicKey = ECDsa.Create();
    private readonly DPoPKey _clientKey = DPoPKey.Create("ES256");
    private readonly JsonWebTokenHandler _handler = new();
    private readonly string[] _freshTokens = new string[InvocationsPerIteration];
    private readonly StringValues[] _freshProofs = new StringValues[InvocationsPerIteration];
    private SdkUnderTest? _sdk;
    private string _accessToken = string.Empty;
    private byte[] _accessTokenSigningInput = [];
    private byte[] _accessTokenSignature = [];
    private string _dpopProof = string.Empty;
    private TokenValidationParameters _validationParameters = new();
    private string _boundToken = string.Empty;
    private StringValues _boundAuthorization;
    private ResourceRequest _bearerRequest = new("POST", string.Empty, SdkUnderTest.ResourcePath, StringValues.Empty, StringValues.Empty);
    private string _expiredToken = string.Empty;
    private string _wrongAudienceToken = string.Empty;
    private string _algNoneToken = string.Empty;
    private int _next;
    private int _unexpectedOutcomes;

    private SdkUnderTest Sdk => _sdk ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>
    /// Starts the authority, mints the tokens and the proof, and checks once that every benchmark sees the outcome it
    /// claims to measure (valid cases accepted, rejection cases rejected for the named reason).
    /// </summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sdk = await SdkUnderTest.StartAsync().ConfigureAwait(false);
        var authority = Sdk.Authority;
        var signingKey = authority.ActiveKey;
        _authorityPublicKey.ImportParameters(((ECDsa)signingKey.Key).ExportParameters(includePrivateParameters: false));

        _accessToken = authority.MintAccessToken(SdkUnderTest.Resource, token => token.Scopes = ["calendar:read", "calendar:write"]);
        _accessTokenSigningInput = BenchmarkTokens.SigningInput(_accessToken);
        _accessTokenSignature = BenchmarkTokens.Signature(_accessToken);
        _bearerRequest = new ResourceRequest("POST", string.Empty, SdkUnderTest.ResourcePath, new StringValues("Bearer " + _accessToken), StringValues.Empty);
        _validationParameters = new TokenValidationParameters
        {
            ValidIssuer = authority.Issuer,
            ValidAudience = SdkUnderTest.Resource,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKey = new ECDsaSecurityKey(_authorityPublicKey) { KeyId = signingKey.KeyId },
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        _boundToken = authority.MintAccessToken(SdkUnderTest.Resource, token => token.ConfirmationThumbprint = _clientKey.Thumbprint);
        _boundAuthorization = new StringValues("DPoP " + _boundToken);
        _dpopProof = NewProof();

        var now = DateTimeOffset.UtcNow;
        _expiredToken = authority.MintAccessToken(SdkUnderTest.Resource, token =>
        {
            token.IssuedAt = now.AddHours(-2);
            token.NotBefore = now.AddHours(-2);
            token.ExpiresAt = now.AddMinutes(-10);
        });
        _wrongAudienceToken = authority.MintAccessToken(SdkUnderTest.Resource, token => token.Audiences = [OtherResource]);
        _algNoneToken = authority.MintAccessToken(SdkUnderTest.Resource, token =>
        {
            token.Header["alg"] = "none";
            token.Signature = [];
        });

        await AssertOutcomesAsync().ConfigureAwait(false);
    }

    /// <summary>Mints <see cref="InvocationsPerIteration"/> tokens the SDK has never seen, so none is in its token cache.</summary>
    [IterationSetup(Target = nameof(SdkVerifyFreshTokenAsync))]
    public void MintFreshTokens()
    {
        for (var i = 0; i < _freshTokens.Length; i++)
        {
            _freshTokens[i] = Sdk.Authority.MintAccessToken(SdkUnderTest.Resource);
        }

        _next = 0;
    }

    /// <summary>Builds <see cref="InvocationsPerIteration"/> proofs with unique <c>jti</c>, so the replay cache accepts each one once.</summary>
    [IterationSetup(Target = nameof(SdkRequestVerifierFreshDPoPProofAsync))]
    public void BuildFreshProofs()
    {
        for (var i = 0; i < _freshProofs.Length; i++)
        {
            _freshProofs[i] = new StringValues(NewProof());
        }

        _next = 0;
    }

    /// <summary>Fails the run if a fresh token or proof was not accepted (for example a replay cache refusing it).</summary>
    [IterationCleanup(Targets = [nameof(SdkVerifyFreshTokenAsync), nameof(SdkRequestVerifierFreshDPoPProofAsync)])]
    public void CheckFreshOutcomes()
    {
        if (_unexpectedOutcomes != 0)
        {
            throw new InvalidOperationException($"{_unexpectedOutcomes} fresh tokens or proofs were rejected; the numbers would measure a failure path.");
        }
    }

    /// <summary>The floor: one ECDSA P-256 verification of the token's JWS signing input, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public bool RawEcdsaVerify() =>
        _authorityPublicKey.VerifyData(_accessTokenSigningInput, _accessTokenSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Microsoft.IdentityModel's full validation of the same token (issuer, audience, lifetime, typ, alg, signature).</summary>
    [Benchmark]
    public async Task<bool> JsonWebTokenHandlerValidateAsync()
    {
        var result = await _handler.ValidateTokenAsync(_accessToken, _validationParameters).ConfigureAwait(false);
        return result.IsValid;
    }

    /// <summary>
    /// What typical DPoP handlers do per request: parse the proof header JSON, import its <c>jwk</c> with
    /// <see cref="ECDsa.Create(ECParameters)"/> every time, and verify the proof's signature.
    /// </summary>
    [Benchmark]
    public bool PerRequestKeyImportDPoPProofCheck()
    {
        var proof = _dpopProof;
        var firstDot = proof.IndexOf('.', StringComparison.Ordinal);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(proof.AsSpan(0, firstDot)));
        var root = header.RootElement;
        if (root.GetProperty("typ").GetString() != "dpop+jwt" || root.GetProperty("alg").GetString() != "ES256")
        {
            return false;
        }

        var jwk = root.GetProperty("jwk");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
                Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
            },
        };
        using var key = ECDsa.Create(parameters);
        return key.VerifyData(
            BenchmarkTokens.SigningInput(proof),
            BenchmarkTokens.Signature(proof),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The SDK's full verification of a token it has not seen before: parse, header, claims, key lookup, signature, cache insert.</summary>
    [Benchmark]
    public async ValueTask<RejectionReason> SdkVerifyFreshTokenAsync()
    {
        // Indexing past the iteration's fresh tokens throws: a token is never verified twice here.
        var result = await Sdk.Tokens.VerifyAsync(_freshTokens[_next++]).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            _unexpectedOutcomes++;
        }

        return result.Reason;
    }

    /// <summary>The SDK's verification of a token it already verified: hash lookup in the token cache and the <c>exp</c> re-check.</summary>
    [Benchmark(OperationsPerInvoke = RepeatsPerInvoke)]
    public ValueTask<RejectionReason> SdkVerifyCachedTokenAsync() => VerifyRepeatedlyAsync(_accessToken);

    /// <summary>
    /// One Bearer request through the SDK's request verifier with a token it verified before: the <c>Authorization</c>
    /// header split without copying, the token-cache hit, and the shared success result.
    /// </summary>
    [Benchmark(OperationsPerInvoke = RepeatsPerInvoke)]
    public async ValueTask<RequestVerificationStatus> SdkRequestVerifierCachedBearerAsync()
    {
        var status = RequestVerificationStatus.NoCredentials;
        for (var i = 0; i < RepeatsPerInvoke; i++)
        {
            status = (await Sdk.Requests.VerifyAsync(_bearerRequest).ConfigureAwait(false)).Status;
        }

        return status;
    }

    /// <summary>
    /// One DPoP request through the SDK's request verifier: the <c>Authorization: DPoP</c> header, the (cached) bound
    /// token, and a proof never seen before (structure, cached key import, signature, <c>htm</c>/<c>htu</c>/<c>iat</c>/<c>ath</c>,
    /// <c>cnf.jkt</c> binding, replay-cache insert).
    /// </summary>
    [Benchmark]
    public async ValueTask<RequestVerificationStatus> SdkRequestVerifierFreshDPoPProofAsync()
    {
        // Indexing past the iteration's fresh proofs throws: a proof is never presented twice here.
        var result = await Sdk.Requests.VerifyAsync(BoundRequest(_freshProofs[_next++])).ConfigureAwait(false);
        if (result.Status != RequestVerificationStatus.Authenticated)
        {
            _unexpectedOutcomes++;
        }

        return result.Status;
    }

    /// <summary>Rejection of a correctly signed but expired token (no exception, no signature check).</summary>
    [Benchmark(OperationsPerInvoke = RepeatsPerInvoke)]
    public ValueTask<RejectionReason> SdkRejectExpiredTokenAsync() => VerifyRepeatedlyAsync(_expiredToken);

    /// <summary>Rejection of a correctly signed token for another resource (no exception, no signature check).</summary>
    [Benchmark(OperationsPerInvoke = RepeatsPerInvoke)]
    public ValueTask<RejectionReason> SdkRejectWrongAudienceTokenAsync() => VerifyRepeatedlyAsync(_wrongAudienceToken);

    /// <summary>Rejection of an unsigned <c>alg: none</c> token, refused at the header.</summary>
    [Benchmark(OperationsPerInvoke = RepeatsPerInvoke)]
    public ValueTask<RejectionReason> SdkRejectAlgNoneTokenAsync() => VerifyRepeatedlyAsync(_algNoneToken);

    /// <summary>Stops the authority, disposes the SDK's services and the keys.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _sdk?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sdk = null;
        _authorityPublicKey.Dispose();
        _clientKey.Dispose();
        GC.SuppressFinalize(this);
    }

    private async ValueTask<RejectionReason> VerifyRepeatedlyAsync(string token)
    {
        var reason = RejectionReason.None;
        for (var i = 0; i < RepeatsPerInvoke; i++)
        {
            reason = (await Sdk.Tokens.VerifyAsync(token).ConfigureAwait(false)).Reason;
        }

        return reason;
    }

    private ResourceRequest BoundRequest(StringValues proof) =>
        new("POST", string.Empty, SdkUnderTest.ResourcePath, _boundAuthorization, proof);

    private string NewProof() =>
        new DPoPProofBuilder(_clientKey, "POST", SdkUnderTest.Resource).WithAccessToken(_boundToken).Build();

    private async Task AssertOutcomesAsync()
    {
        Expect(RawEcdsaVerify(), nameof(RawEcdsaVerify));
        Expect(await JsonWebTokenHandlerValidateAsync().ConfigureAwait(false), nameof(JsonWebTokenHandlerValidateAsync));
        Expect(PerRequestKeyImportDPoPProofCheck(), nameof(PerRequestKeyImportDPoPProofCheck));

        var fresh = await Sdk.Tokens.VerifyAsync(Sdk.Authority.MintAccessToken(SdkUnderTest.Resource)).ConfigureAwait(false);
        Expect(fresh.Succeeded, nameof(SdkVerifyFreshTokenAsync));
        Expect(await SdkVerifyCachedTokenAsync().ConfigureAwait(false) == RejectionReason.None, nameof(SdkVerifyCachedTokenAsync));
        Expect(await SdkRequestVerifierCachedBearerAsync().ConfigureAwait(false) == RequestVerificationStatus.Authenticated, nameof(SdkRequestVerifierCachedBearerAsync));

        var request = BoundRequest(new StringValues(_dpopProof));
        var first = await Sdk.Requests.VerifyAsync(request).ConfigureAwait(false);
        Expect(first.Status == RequestVerificationStatus.Authenticated && first.Token?.IsDPoPBound == true, nameof(SdkRequestVerifierFreshDPoPProofAsync));
        var replay = await Sdk.Requests.VerifyAsync(request).ConfigureAwait(false);
        Expect(replay.Reason == RejectionReason.DPoPReplayed, "replay check (a proof must be fresh to be accepted)");

        Expect(await SdkRejectExpiredTokenAsync().ConfigureAwait(false) == RejectionReason.TokenExpired, nameof(SdkRejectExpiredTokenAsync));
        Expect(await SdkRejectWrongAudienceTokenAsync().ConfigureAwait(false) == RejectionReason.AudienceMismatch, nameof(SdkRejectWrongAudienceTokenAsync));
        Expect(await SdkRejectAlgNoneTokenAsync().ConfigureAwait(false) == RejectionReason.AlgorithmNotAllowed, nameof(SdkRejectAlgNoneTokenAsync));
    }

    private static void Expect(bool outcome, string benchmark)
    {
        if (!outcome)
        {
            throw new InvalidOperationException($"{benchmark}: unexpected outcome in setup; its numbers would measure a different path.");
        }
    }
}
