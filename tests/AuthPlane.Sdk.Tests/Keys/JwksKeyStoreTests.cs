using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Conformance;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Keys;

/// <summary>The JWKS cache against a real TestAuthority: kid resolution, refresh limits, outages and JWK rules.</summary>
public sealed class JwksKeyStoreTests
{
    [Theory]
    [InlineData("key_appears_after_refresh", true, RejectionReason.None)]
    [InlineData("key_still_missing", false, RejectionReason.UnknownSigningKey)]
    [ConformanceCase("rfc8725-kid-must-resolve-through-jwks-with-single-refresh-on-miss")]
    public async Task An_unknown_kid_causes_exactly_one_refresh_then_accepts_or_fails_closed(string row, bool publish, RejectionReason expected)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(1, harness.Authority.JwksFetchCount);

        var newKey = harness.Authority.CreateUnpublishedKey();
        if (publish)
        {
            harness.Authority.PublishKey(newKey);
        }

        var token = harness.Mint(d => d.SigningKey = newKey);
        var result = await harness.VerifyAsync(token);
        var again = await harness.VerifyAsync(token);

        Assert.True(expected == result.Reason, $"{row}: expected {expected}, got {result.Reason}");
        Assert.Equal(expected, again.Reason);
        Assert.Equal(2, harness.Authority.JwksFetchCount);
    }

    [Fact]
    [ConformanceCase("rfc8725-jwk-selection-must-honor-use-key-ops-and-alg")]
    public void A_kid_whose_keys_forbid_use_key_ops_or_alg_yields_no_matching_key()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ec.ExportParameters(false).Q;
        var x = Base64Url.EncodeToString(q.X);
        var y = Base64Url.EncodeToString(q.Y);
        var jwks = $$"""
            {"keys":[
              {"kty":"EC","kid":"k1","alg":"ES256","use":"enc","crv":"P-256","x":"{{x}}","y":"{{y}}"},
              {"kty":"EC","kid":"k1","alg":"ES256","key_ops":["sign"],"crv":"P-256","x":"{{x}}","y":"{{y}}"},
              {"kty":"EC","kid":"k1","alg":"RS256","use":"sig","key_ops":["verify"],"crv":"P-256","x":"{{x}}","y":"{{y}}"}
            ]}
            """;
        Assert.True(JsonWebKeySetParser.TryParse(Encoding.UTF8.GetBytes(jwks), null, out var keys));
        JwsAlgorithm.TryGet("ES256", out var es256);
        var set = new KeySet(keys, new Uri("https://auth.example.com/jwks"), DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);

        var lookup = set.Find("k1", es256);

        Assert.Equal(KeyLookupStatus.NotUsable, lookup.Status);
        Assert.Null(lookup.Key);

        // The same key without the offending members is selected, so the rejection is due to use/key_ops/alg.
        var clean = $$"""{"keys":[{"kty":"EC","kid":"k1","alg":"ES256","use":"sig","key_ops":["verify"],"crv":"P-256","x":"{{x}}","y":"{{y}}"}]}""";
        Assert.True(JsonWebKeySetParser.TryParse(Encoding.UTF8.GetBytes(clean), null, out var cleanKeys));
        Assert.Equal(KeyLookupStatus.Found, new KeySet(cleanKeys, set.Source, set.RefreshAt, set.ExpiresAt).Find("k1", es256).Status);
    }

    [Fact]
    public async Task A_token_signed_with_a_newly_rotated_key_verifies_after_exactly_one_jwks_refresh()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(1, harness.Authority.JwksFetchCount);

        harness.Authority.RotateKey();
        var tokens = Enumerable.Range(0, 20).Select(_ => harness.Mint()).ToArray();
        var results = await Task.WhenAll(tokens.Select(harness.VerifyAsync));

        Assert.All(results, result => Assert.True(result.Succeeded));
        Assert.Equal(2, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task A_thousand_tokens_with_random_unknown_kids_cause_at_most_a_handful_of_fetches()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        var tokens = Enumerable.Range(0, 1000)
            .Select(_ => harness.Mint(d => d.Header["kid"] = Guid.NewGuid().ToString("N")))
            .ToArray();
        var results = await Task.WhenAll(tokens.Select(harness.VerifyAsync));

        Assert.All(results, result => Assert.Equal(RejectionReason.UnknownSigningKey, result.Reason));
        Assert.InRange(harness.Authority.JwksFetchCount, 1, 2);

        // After the rate-limit interval one more refresh is allowed, and only one.
        harness.FakeTime.Advance(TimeSpan.FromSeconds(31));
        var later = await Task.WhenAll(tokens.Take(200).Select(harness.VerifyAsync));
        Assert.All(later, result => Assert.Equal(RejectionReason.UnknownSigningKey, result.Reason));
        Assert.InRange(harness.Authority.JwksFetchCount, 2, 3);
    }

    [Fact]
    public async Task Jwks_down_after_a_good_fetch_still_verifies_with_the_last_good_keys()
    {
        await using var harness = await AuthorityHarness.StartAsync(o =>
        {
            o.Authority.MinKeysLifetime = TimeSpan.FromMinutes(1);
            o.Authority.MaxKeysLifetime = TimeSpan.FromMinutes(5);
        });
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        harness.Authority.JwksFault = EndpointFault.ServerError;
        harness.FakeTime.Advance(TimeSpan.FromMinutes(10));

        // Expired key set: this request triggers a background refresh that fails, and still verifies.
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.JwksFetchCount >= 2);

        // An unknown kid forces an awaited refresh, which fails too; the known key keeps working.
        var unknown = await harness.VerifyAsync(harness.Mint(d => d.Header["kid"] = "rotated-away"));
        Assert.Equal(RejectionReason.UnknownSigningKey, unknown.Reason);
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
    }

    [Theory]
    [InlineData(EndpointFault.ServerError)]
    [InlineData(EndpointFault.NotFound)]
    [InlineData(EndpointFault.InvalidJson)]
    public async Task Jwks_down_from_the_start_is_authority_unavailable_not_an_invalid_token(EndpointFault fault)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksFault = fault;

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.AuthorityUnavailable, result.Reason);
        Assert.Equal(503, result.Reason.StatusCode());
    }

    [Fact]
    public async Task Metadata_down_from_the_start_is_authority_unavailable()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.MetadataFault = EndpointFault.ServerError;

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.AuthorityUnavailable, result.Reason);
        Assert.Equal(0, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task A_stalled_jwks_endpoint_times_out_into_authority_unavailable()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.HttpTimeout = TimeSpan.FromMilliseconds(300), systemClock: true);
        harness.Authority.JwksFault = EndpointFault.Stall;

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.AuthorityUnavailable, result.Reason);
    }

    [Fact]
    public async Task The_authority_recovering_after_an_outage_makes_tokens_verify_again()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksFault = EndpointFault.ServerError;
        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);

        harness.Authority.JwksFault = EndpointFault.None;
        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);
        harness.FakeTime.Advance(TimeSpan.FromSeconds(5));

        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
    }

    [Fact]
    public async Task A_jwk_with_use_enc_is_not_usable()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwkOverride = (jwk, _) => jwk["use"] = "enc";

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.SigningKeyNotUsable, result.Reason);
    }

    [Fact]
    public async Task A_jwk_whose_key_ops_lack_verify_is_not_usable()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwkOverride = (jwk, _) => jwk["key_ops"] = new JsonArray("sign");

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.SigningKeyNotUsable, result.Reason);
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS256")]
    public async Task A_jwk_declaring_another_alg_is_not_usable(string declared)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwkOverride = (jwk, _) => jwk["alg"] = declared;

        var result = await harness.VerifyAsync(harness.Mint());

        Assert.Equal(RejectionReason.SigningKeyNotUsable, result.Reason);
    }

    [Fact]
    public async Task An_RSA_1024_key_is_refused()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var weak = harness.Authority.CreateUnpublishedKey("RS256", rsaBits: 1024);
        harness.Authority.PublishKey(weak);

        var result = await harness.VerifyAsync(harness.Mint(d => d.SigningKey = weak));

        Assert.Equal(RejectionReason.SigningKeyNotUsable, result.Reason);
    }

    [Fact]
    public async Task An_RSA_2048_key_without_alg_is_usable_for_RS256()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var rsa = harness.Authority.RotateKey("RS256");
        harness.Authority.JwkOverride = (jwk, _) => jwk.Remove("alg");

        var result = await harness.VerifyAsync(harness.Mint(d => d.SigningKey = rsa));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task The_jwks_lifetime_follows_cache_control_max_age_within_the_bounds()
    {
        await using var harness = await AuthorityHarness.StartAsync(o =>
        {
            o.Authority.MinKeysLifetime = TimeSpan.FromMinutes(1);
            o.Authority.MaxKeysLifetime = TimeSpan.FromHours(1);
        });
        harness.Authority.JwksCacheControl = "public, max-age=600";
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        // Refresh starts at 80 % of the 10-minute lifetime: not at 7:59, in the background at 8:00.
        harness.FakeTime.Advance(TimeSpan.FromSeconds(479));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(1, harness.Authority.JwksFetchCount);

        harness.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.JwksFetchCount == 2);
    }

    [Fact]
    public async Task A_tiny_max_age_is_raised_to_the_minimum_lifetime()
    {
        await using var harness = await AuthorityHarness.StartAsync(o =>
        {
            o.Authority.MinKeysLifetime = TimeSpan.FromMinutes(5);
            o.Authority.MaxKeysLifetime = TimeSpan.FromHours(1);
        });
        harness.Authority.JwksCacheControl = "max-age=1";
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        harness.FakeTime.Advance(TimeSpan.FromSeconds(239));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        Assert.Equal(1, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public void Unchanged_keys_are_imported_once_and_reused_across_refreshes()
    {
        using var key = TestSigningKey.Create();
        var jwks = Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) }.ToJsonString());
        Assert.True(JsonWebKeySetParser.TryParse(jwks, null, out var first));
        var set = new KeySet(first, new Uri("https://auth.example.com/jwks"), DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);

        Assert.True(JsonWebKeySetParser.TryParse(jwks, set, out var second));

        Assert.Same(first[key.KeyId][0], second[key.KeyId][0]);
    }

    [Theory]
    [InlineData(1024, false)]
    [InlineData(2047, false)]
    [InlineData(2048, true)]
    [InlineData(8192, true)]
    [InlineData(8200, false)]
    public void RSA_moduli_outside_2048_to_8192_bits_are_not_usable(int bits, bool usable)
    {
        // A syntactic modulus of the given size: the size rule applies before any key import.
        var modulus = new byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(modulus);
        modulus[0] |= (byte)(1 << ((bits - 1) % 8));
        modulus[0] &= (byte)((1 << (((bits - 1) % 8) + 1)) - 1);
        modulus[^1] |= 1;
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["kid"] = "r1",
                ["n"] = Base64Url.EncodeToString(modulus),
                ["e"] = "AQAB",
            }),
        }.ToJsonString();
        Assert.True(JsonWebKeySetParser.TryParse(Encoding.UTF8.GetBytes(jwks), null, out var keys));
        JwsAlgorithm.TryGet("RS256", out var rs256);

        var lookup = new KeySet(keys, new Uri("https://auth.example.com/jwks"), DateTimeOffset.MaxValue, DateTimeOffset.MaxValue).Find("r1", rs256);

        Assert.Equal(usable ? KeyLookupStatus.Found : KeyLookupStatus.NotUsable, lookup.Status);
    }
}
