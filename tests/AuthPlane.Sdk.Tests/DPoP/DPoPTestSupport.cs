using System.Text.Json;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>Shared set-up of the DPoP tests: a fixed clock, options, validators and tokens.</summary>
internal static class DPoPTestSupport
{
    public const string Resource = "https://mcp.example.com/mcp";
    public const string AccessToken = "eyJ0eXAiOiJhdCtqd3QifQ.eyJzdWIiOiJ1In0.c2ln";

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    /// <summary>A 32-byte base64 nonce key.</summary>
    public static readonly string NonceKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static AuthPlaneOptions Options(Action<DPoPOptions>? configure = null, string resource = Resource)
    {
        var options = new AuthPlaneOptions { Issuer = "https://auth.example.com", Resource = resource };
        configure?.Invoke(options.DPoP);
        return options;
    }

    public static DPoPProofValidator Validator(FakeTimeProvider time, AuthPlaneOptions? options = null, IDPoPReplayCache? cache = null)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options ?? Options());
        return new DPoPProofValidator(wrapped, cache ?? new InMemoryDPoPReplayCache(wrapped, time), new DPoPNonceService(wrapped, time), time);
    }

    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>A replay store that answers <paramref name="result"/> to every insert (for store outages and evictions).</summary>
    public static IDPoPReplayCache ReplayCacheAnswering(ReplayCheckResult result)
    {
        var cache = Substitute.For<IDPoPReplayCache>();
#pragma warning disable CA2012 // NSubstitute configures the call by making it; the ValueTask is never consumed here.
        cache.TryAddAsync(Arg.Any<DPoPReplayEntry>(), Arg.Any<CancellationToken>()).Returns(_ => ValueTask.FromResult(result));
#pragma warning restore CA2012
        return cache;
    }

    /// <summary>A replay entry for proof <paramref name="jti"/> of key <paramref name="thumbprint"/>, issued at <paramref name="issuedAt"/> (default: now).</summary>
    public static DPoPReplayEntry Entry(string jti, DateTimeOffset expiresAt, string thumbprint = "thumbprint-1", DateTimeOffset? issuedAt = null)
        => new(thumbprint, jti, issuedAt ?? Now, expiresAt);

    public static DPoPProofRequest Request(string proof, string thumbprint, string method = "POST", string url = Resource, string token = AccessToken)
        => new(proof, method, url, token, thumbprint);

    public static VerifiedToken Token(string? jkt = null, string claimsJson = "{}", string raw = AccessToken) => new()
    {
        RawToken = raw,
        Issuer = "https://auth.example.com",
        Subject = "user-1",
        ClientId = "client-1",
        Audiences = [Resource],
        Scopes = ["tools:read"],
        TokenId = "token-1",
        KeyId = "k1",
        Algorithm = "ES256",
        IssuedAt = Now.AddMinutes(-1),
        ExpiresAt = Now.AddMinutes(10),
        ConfirmationThumbprint = jkt,
        Claims = JsonDocument.Parse(claimsJson).RootElement.Clone(),
    };
}
