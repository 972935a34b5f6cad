using System.Security.Cryptography;
using System.Text;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tokens;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;
using Xunit;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>The DPoP proof-key cache: bounded, evicting, and verifying without a lock.</summary>
public sealed class DPoPProofKeyCacheTests
{
    private static readonly JwsAlgorithm Es256 = JwsAlgorithm.TryGet("ES256", out var es256) ? es256 : throw new InvalidOperationException("ES256 is in the table.");

    private static readonly byte[] Data = Encoding.ASCII.GetBytes("header.payload");

    private static DPoPProofKey Key(ECDsa ec) => new(ECDsa.Create(ec.ExportParameters(false)), null);

    [Fact]
    public async Task One_key_verifies_good_and_bad_signatures_correctly_from_sixteen_threads_at_once()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = Key(signer);
        var good = signer.SignData(Data, HashAlgorithmName.SHA256);
        var bad = (byte[])good.Clone();
        bad[10] ^= 1;

        using var start = new Barrier(16);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(thread => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var wrong = 0;
                for (var i = 0; i < 200; i++)
                {
                    var expectGood = (i + thread) % 2 == 0;
                    if (key.Verify(Es256, Data, expectGood ? good : bad) != expectGood)
                    {
                        wrong++;
                    }
                }

                return wrong;
            },
            TaskCreationOptions.LongRunning)));

        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }

    [Fact]
    public void A_full_cache_drops_the_least_recently_used_key_and_stays_within_its_capacity()
    {
        using var cache = new DPoPProofKeyCache(capacity: 8);
        var signers = Enumerable.Range(0, 9).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var hashes = signers.Select(s => TokenHash.Of(Convert.ToBase64String(s.ExportParameters(false).Q.X!))).ToArray();
        var keys = signers.Select(Key).ToArray();
        for (var i = 0; i < 8; i++)
        {
            cache.Add(hashes[i], "ES256", $"tp-{i}", keys[i]);
        }

        // Every key but key 1 is used again, so key 1 is now the least recently used.
        Assert.True(cache.TryGet(hashes[0], "ES256", out _, out _));
        for (var i = 2; i < 8; i++)
        {
            Assert.True(cache.TryGet(hashes[i], "ES256", out _, out _));
        }

        cache.Add(hashes[8], "ES256", "tp-8", keys[8]);

        Assert.True(cache.Count <= 8);
        Assert.False(cache.TryGet(hashes[1], "ES256", out _, out _));
        Assert.True(cache.TryGet(hashes[0], "ES256", out var thumbprint, out _));
        Assert.Equal("tp-0", thumbprint);
        Assert.True(cache.TryGet(hashes[8], "ES256", out _, out _));

        // A dropped key is not disposed: a request that took it before the eviction can still verify with it.
        Assert.True(keys[1].Verify(Es256, Data, signers[1].SignData(Data, HashAlgorithmName.SHA256)));
        foreach (var signer in signers)
        {
            signer.Dispose();
        }
    }

    [Fact]
    public void A_cached_key_is_found_only_for_the_algorithm_it_verified()
    {
        using var cache = new DPoPProofKeyCache(capacity: 4);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hash = TokenHash.Of("jwk");
        cache.Add(hash, "ES256", "tp", Key(signer));

        Assert.False(cache.TryGet(hash, "ES384", out _, out _));
        Assert.True(cache.TryGet(hash, "ES256", out _, out _));
    }

    [Fact]
    public async Task A_client_beyond_the_key_cache_capacity_is_still_verified()
    {
        var time = Clock();
        using var validator = Validator(time, Options(o => o.ProofKeyCacheCapacity = 2));
        var keys = Enumerable.Range(0, 5).Select(_ => DPoPKey.Create("ES256")).ToArray();

        foreach (var key in keys.Concat(keys))
        {
            var proof = new DPoPProofBuilder(key, "POST", Resource, time).WithAccessToken(AccessToken).Build();
            Assert.True((await validator.ValidateAsync(Request(proof, key.Thumbprint))).Succeeded);
        }

        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
