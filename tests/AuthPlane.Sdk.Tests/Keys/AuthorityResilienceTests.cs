using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.Keys;

/// <summary>
/// Fetching the authority's metadata and keys against a real TestAuthority on loopback: any failure is a 503 with
/// back-off, last good keys expire, and a key withdrawn from the JWKS stops being trusted for cached tokens too.
/// </summary>
public sealed class AuthorityResilienceTests
{
    // Before: HttpIOException escaped from the fetch: a 500 for the request and no back-off.
    [Fact]
    public async Task A_jwks_response_cut_mid_body_is_503_and_backs_off_exponentially()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksFault = EndpointFault.CutMidBody;

        var first = await harness.VerifyAsync(harness.Mint());
        Assert.Equal(RejectionReason.AuthorityUnavailable, first.Reason);
        Assert.Equal(503, first.Reason.StatusCode());
        Assert.Equal(1, harness.Authority.JwksFetchCount);

        // Within the first back-off (5 s) nothing is fetched, however many requests arrive.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);
        }

        Assert.Equal(1, harness.Authority.JwksFetchCount);

        harness.FakeTime.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);
        Assert.Equal(2, harness.Authority.JwksFetchCount);

        // The second failure doubles the wait to 10 s.
        harness.FakeTime.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);
        Assert.Equal(2, harness.Authority.JwksFetchCount);

        harness.Authority.JwksFault = EndpointFault.None;
        harness.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(3, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task A_metadata_response_cut_mid_body_is_503_and_backs_off()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.MetadataFault = EndpointFault.CutMidBody;

        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);
        var fetches = harness.Authority.MetadataFetchCount;
        Assert.Equal(RejectionReason.AuthorityUnavailable, (await harness.VerifyAsync(harness.Mint())).Reason);

        Assert.Equal(1, fetches);
        Assert.Equal(1, harness.Authority.MetadataFetchCount);
        Assert.Equal(0, harness.Authority.JwksFetchCount);
    }

    [Fact]
    public async Task A_background_refresh_cut_mid_body_keeps_the_last_good_keys()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksCacheControl = "max-age=300";
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);

        harness.Authority.JwksFault = EndpointFault.CutMidBody;
        harness.FakeTime.Advance(TimeSpan.FromSeconds(241)); // past 80 % of the 300 s lifetime
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.JwksFetchCount == 2);

        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.NotEqual(SigningKeyStoreStatus.Unavailable, harness.Keys.Status);
    }

    [Fact]
    public async Task Last_good_keys_are_used_up_to_their_maximum_age_and_then_answer_503()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.MaxKeysAge = TimeSpan.FromHours(1));
        var fetchedAt = harness.FakeTime.GetUtcNow();
        string Mint() => harness.Mint(d => d.ExpiresAt = fetchedAt.AddHours(3));
        var cachedToken = Mint();
        await harness.UseUntilCachedAsync(cachedToken);
        harness.Authority.JwksFault = EndpointFault.ServerError;
        harness.Authority.MetadataFault = EndpointFault.ServerError;

        harness.FakeTime.Advance(TimeSpan.FromHours(1));
        Assert.True((await harness.VerifyAsync(Mint())).Succeeded);
        Assert.True((await harness.VerifyAsync(cachedToken)).Succeeded);

        harness.FakeTime.Advance(TimeSpan.FromSeconds(1));
        var fresh = await harness.VerifyAsync(Mint());
        var cached = await harness.VerifyAsync(cachedToken);

        Assert.Equal(RejectionReason.AuthorityUnavailable, fresh.Reason);
        Assert.Equal(503, fresh.Reason.StatusCode());
        Assert.Equal(RejectionReason.AuthorityUnavailable, cached.Reason);
    }

    // Before: a token verified once stayed accepted from the cache after its signing key left the JWKS.
    [Fact]
    public async Task A_cached_token_is_rejected_once_its_signing_key_leaves_the_jwks()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.JwksCacheControl = "max-age=300";
        var token = harness.Mint();
        await harness.UseUntilCachedAsync(token);

        harness.Authority.WithholdKey(harness.Authority.ActiveKey.KeyId);
        harness.FakeTime.Advance(TimeSpan.FromSeconds(241));
        Assert.True((await harness.VerifyAsync(token)).Succeeded); // served from cache while the refresh it triggered runs
        var store = (JwksKeyStore)harness.Keys;
        await AuthorityHarness.WaitUntilAsync(() => store.LastSuccessfulFetch == harness.FakeTime.GetUtcNow());

        var result = await harness.VerifyAsync(token);

        Assert.Equal(RejectionReason.UnknownSigningKey, result.Reason);
    }

    // Before: a changed jwks_uri triggered a fetch on every request, without back-off, while the new URI failed.
    [Fact]
    public async Task A_changed_jwks_uri_is_fetched_through_the_same_gate_and_back_off_as_every_other_trigger()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.MetadataRefreshInterval = TimeSpan.FromMinutes(1));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal(1, harness.Authority.JwksFetchCount);

        harness.Authority.JwksFault = EndpointFault.ServerError;
        harness.Authority.MetadataOverride = metadata => metadata["jwks_uri"] = harness.Authority.JwksUri + "?rotated=1";
        harness.FakeTime.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded); // starts the metadata refresh
        var metadata = (AuthorityMetadataProvider)harness.Metadata;
        await AuthorityHarness.WaitUntilAsync(() => metadata.LastSuccessfulFetch == harness.FakeTime.GetUtcNow());

        // The new jwks_uri is noticed and fetched once; it fails, and the last good keys keep working meanwhile.
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.JwksFetchCount == 2);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        }

        Assert.Equal(2, harness.Authority.JwksFetchCount);
    }
}
