using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>
/// The cost of accepting one request's credentials, measured beside the baselines DESIGN §6 asks for, in the same run
/// and on the same ES256 token: the raw P-256 signature check (the floor), <see cref="JsonWebTokenHandler"/>
/// validation, and a DPoP proof check that imports the proof's <c>jwk</c> on every request.
/// </summary>
[MemoryDiagnoser]
public class AccessTokenValidationBenchmarks : IDisposable
{
    private readonly ECDsa _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _authorityPublicKey = ECDsa.Create();
    private readonly ECDsa _clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly JsonWebTokenHandler _handler = new();
    private string _accessToken = string.Empty;
    private byte[] _accessTokenSigningInput = [];
    private byte[] _accessTokenSignature = [];
    private string _dpopProof = string.Empty;
    private TokenValidationParameters _validationParameters = new();

    /// <summary>Mints the token and proof and checks once that every benchmark accepts them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _authorityPublicKey.ImportParameters(_authorityKey.ExportParameters(includePrivateParameters: false));
        _accessToken = BenchmarkTokens.CreateAccessToken(_authorityKey, now);
        _accessTokenSigningInput = BenchmarkTokens.SigningInput(_accessToken);
        _accessTokenSignature = BenchmarkTokens.Signature(_accessToken);
        _dpopProof = BenchmarkTokens.CreateDPoPProof(_clientKey, _accessToken, now);
        _validationParameters = new TokenValidationParameters
        {
            ValidIssuer = BenchmarkTokens.Issuer,
            ValidAudience = BenchmarkTokens.Resource,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKey = new ECDsaSecurityKey(_authorityPublicKey) { KeyId = BenchmarkTokens.KeyId },
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        if (!RawEcdsaVerify() || !JsonWebTokenHandlerValidateAsync().GetAwaiter().GetResult() || !PerRequestKeyImportDPoPProofCheck())
        {
            throw new InvalidOperationException("A benchmark rejects the valid token or proof; its numbers would measure a failure path.");
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

    // ===== SDK benchmarks: added after merge ===================================================================
    // The SDK's own IAccessTokenVerifier.VerifyAsync on _accessToken (against a TestAuthority JWKS, keys cached)
    // and its DPoP proof validator on _dpopProof (thumbprint check, cached key import, replay cache) belong here,
    // so they are always reported beside the three baselines above in the same run.
    // ==========================================================================================================

    /// <summary>Disposes the keys.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _authorityKey.Dispose();
        _authorityPublicKey.Dispose();
        _clientKey.Dispose();
        GC.SuppressFinalize(this);
    }
}
