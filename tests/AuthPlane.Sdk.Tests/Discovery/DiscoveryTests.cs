using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Conformance;
using AuthPlane.Sdk.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace AuthPlane.Sdk.Tests.Discovery;

/// <summary>RFC 8414 discovery: URL construction, validation of the document, caching and refresh.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    [ConformanceCase("rfc8414-discovery-url-must-insert-well-known-before-issuer-path")]
    public async Task The_well_known_segment_is_inserted_before_the_issuer_path()
    {
        Assert.Equal(
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant-a",
            DiscoveryUrls.OAuthMetadata(new Uri("https://auth.example.com/tenant-a")).ToString());

        // Against a live authority whose issuer has a path: only the inserted location exists.
        await using var harness = await AuthorityHarness.StartAsync(issuerPath: "/tenant-a");
        using var client = new HttpClient();
        var appended = await client.GetAsync(new Uri(harness.Authority.Issuer + "/.well-known/oauth-authorization-server"));
        Assert.Equal(HttpStatusCode.NotFound, appended.StatusCode);
        harness.Authority.ResetCounts();

        var metadata = await harness.Metadata.GetAsync();

        Assert.Equal(harness.Authority.Issuer, metadata.Issuer);
        Assert.EndsWith("/tenant-a", metadata.Issuer, StringComparison.Ordinal);
        Assert.Equal(harness.Authority.JwksUri, metadata.JwksUri);
        Assert.Equal(1, harness.Authority.MetadataFetchCount);
    }

    [Theory]
    [InlineData("https://auth.example.com", "https://auth.example.com/.well-known/oauth-authorization-server", "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com/", "https://auth.example.com/.well-known/oauth-authorization-server", "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com/tenant-a", "https://auth.example.com/.well-known/oauth-authorization-server/tenant-a", "https://auth.example.com/tenant-a/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com:8443/a/b/", "https://auth.example.com:8443/.well-known/oauth-authorization-server/a/b", "https://auth.example.com:8443/a/b/.well-known/openid-configuration")]
    public void Discovery_urls_are_built_per_RFC_8414_and_OpenID_discovery(string issuer, string oauth, string openId)
    {
        Assert.Equal(oauth, DiscoveryUrls.OAuthMetadata(new Uri(issuer)).ToString());
        Assert.Equal(openId, DiscoveryUrls.OpenIdConfiguration(new Uri(issuer)).ToString());
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("{issuer}/")]
    [ConformanceCase("rfc8414-metadata-issuer-must-match-configured-issuer")]
    public async Task Metadata_whose_issuer_differs_from_the_configured_one_is_not_trusted(string served)
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.MetadataOverride = metadata =>
            metadata["issuer"] = served.Replace("{issuer}", harness.Authority.Issuer, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(async () => await harness.Metadata.GetAsync());

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, error.Failure);
        Assert.Contains("issuer mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_issuer_with_a_trailing_slash_does_not_match_metadata_without_it()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Issuer += "/");

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(async () => await harness.Metadata.GetAsync());

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, error.Failure);
    }

    [Fact]
    [ConformanceCase("rfc8414-jwks-uri-required-for-jwt-validation")]
    public async Task Metadata_without_jwks_uri_is_refused_as_a_missing_endpoint()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.MetadataOverride = metadata => metadata.Remove("jwks_uri");

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(async () => await harness.Metadata.GetAsync());

        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, error.Failure);
        Assert.Contains("jwks_uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [ConformanceCase("rfc8414-metadata-must-contain-issuer")]
    public async Task Metadata_without_issuer_is_refused()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        harness.Authority.MetadataOverride = metadata => metadata.Remove("issuer");

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(async () => await harness.Metadata.GetAsync());

        Assert.Equal(AuthorityMetadataFailure.InvalidDocument, error.Failure);
        Assert.Contains("issuer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/relative-jwks")]
    [InlineData("http://auth.example.com/jwks")]
    [InlineData("https://user@auth.example.com/jwks")]
    [InlineData("ftp://auth.example.com/jwks")]
    [ConformanceCase("rfc8414-jwks-uri-must-be-absolute-https-url")]
    public void A_jwks_uri_that_is_not_an_absolute_https_url_is_refused(string jwksUri)
    {
        var document = new JsonObject { ["issuer"] = "https://auth.example.com", ["jwks_uri"] = jwksUri }.ToJsonString();

        var error = Assert.Throws<AuthPlaneAuthorityMetadataException>(() =>
            AuthorizationServerMetadataParser.Parse(Encoding.UTF8.GetBytes(document), "https://auth.example.com", devMode: false));

        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, error.Failure);
    }

    [Fact]
    public void An_http_jwks_uri_is_accepted_in_dev_mode_only()
    {
        var document = Encoding.UTF8.GetBytes(new JsonObject { ["issuer"] = "http://localhost:9000", ["jwks_uri"] = "http://localhost:9000/jwks" }.ToJsonString());

        var metadata = AuthorizationServerMetadataParser.Parse(document, "http://localhost:9000", devMode: true);

        Assert.Equal(new Uri("http://localhost:9000/jwks"), metadata.JwksUri);
        Assert.Throws<AuthPlaneAuthorityMetadataException>(() => AuthorizationServerMetadataParser.Parse(document, "http://localhost:9000", devMode: false));
    }

    [Fact]
    public void A_bad_optional_endpoint_does_not_fail_discovery_but_fails_when_used()
    {
        var document = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["issuer"] = "https://auth.example.com",
            ["jwks_uri"] = "https://auth.example.com/jwks",
            ["token_endpoint"] = "http://auth.example.com/token",
            ["introspection_endpoint"] = "https://auth.example.com/introspect",
            ["dpop_signing_alg_values_supported"] = new JsonArray("ES256", "PS256"),
        }.ToJsonString());

        var metadata = AuthorizationServerMetadataParser.Parse(document, "https://auth.example.com", devMode: false);

        Assert.Null(metadata.TokenEndpoint);
        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, Assert.Throws<AuthPlaneAuthorityMetadataException>(metadata.RequireTokenEndpoint).Failure);
        Assert.Equal(new Uri("https://auth.example.com/introspect"), metadata.RequireIntrospectionEndpoint());
        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, Assert.Throws<AuthPlaneAuthorityMetadataException>(metadata.RequireRevocationEndpoint).Failure);
        Assert.Equal(["ES256", "PS256"], metadata.DPoPSigningAlgorithms);
    }

    [Fact]
    public async Task Metadata_advertised_by_the_test_authority_is_read()
    {
        await using var harness = await AuthorityHarness.StartAsync();

        var metadata = await harness.Metadata.GetAsync();

        Assert.Equal(new Uri(harness.Authority.Issuer + "/oauth/token"), metadata.RequireTokenEndpoint());
        Assert.Equal(new Uri(harness.Authority.Issuer + "/oauth/introspect"), metadata.RequireIntrospectionEndpoint());
        Assert.Equal(new Uri(harness.Authority.Issuer + "/oauth/revoke"), metadata.RequireRevocationEndpoint());
        Assert.Equal(["ES256", "RS256", "PS256"], metadata.DPoPSigningAlgorithms);
    }

    [Fact]
    public async Task OpenID_discovery_is_used_when_RFC_8414_metadata_is_not_found()
    {
        await using var harness = await AuthorityHarness.StartAsync(issuerPath: "/realm");
        harness.Authority.ServeOAuthMetadata = false;
        harness.Authority.ServeOpenIdConfiguration = true;

        var metadata = await harness.Metadata.GetAsync();

        Assert.Equal(harness.Authority.Issuer, metadata.Issuer);
        Assert.Equal(2, harness.Authority.MetadataFetchCount);
    }

    [Fact]
    public async Task Metadata_is_cached_fetched_once_for_concurrent_callers_and_refreshed_after_the_interval()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.MetadataRefreshInterval = TimeSpan.FromMinutes(10));

        var all = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => harness.Metadata.GetAsync().AsTask()));
        Assert.All(all, metadata => Assert.Same(all[0], metadata));
        Assert.Equal(1, harness.Authority.MetadataFetchCount);

        harness.FakeTime.Advance(TimeSpan.FromMinutes(9));
        await harness.Metadata.GetAsync();
        Assert.Equal(1, harness.Authority.MetadataFetchCount);

        harness.FakeTime.Advance(TimeSpan.FromMinutes(1));
        var stale = await harness.Metadata.GetAsync();
        Assert.Same(all[0], stale);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.MetadataFetchCount == 2);
    }

    [Fact]
    public async Task A_failed_metadata_refresh_keeps_the_last_good_document()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.MetadataRefreshInterval = TimeSpan.FromMinutes(10));
        var good = await harness.Metadata.GetAsync();

        harness.Authority.MetadataFault = EndpointFault.InvalidJson;
        harness.FakeTime.Advance(TimeSpan.FromMinutes(11));
        Assert.Same(good, await harness.Metadata.GetAsync());
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.MetadataFetchCount == 2);

        Assert.Same(good, await harness.Metadata.GetAsync());
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
    }

    [Fact]
    [ConformanceCase("rfc8414-jwks-uri-rotation-must-reconfigure-jwks-cache")]
    public async Task A_jwks_uri_changed_by_a_metadata_refresh_rebinds_the_key_cache()
    {
        await using var harness = await AuthorityHarness.StartAsync(o => o.Authority.MetadataRefreshInterval = TimeSpan.FromMinutes(1));
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal("/.well-known/jwks.json", harness.Authority.LastJwksRequestPath);

        var newJwksUri = harness.Authority.JwksUri + "/v2";
        harness.Authority.MetadataOverride = metadata => metadata["jwks_uri"] = newJwksUri;
        harness.FakeTime.Advance(TimeSpan.FromMinutes(2));
        await harness.Metadata.GetAsync();
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.MetadataFetchCount == 2);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while ((await harness.Metadata.GetAsync()).JwksUri.ToString() != newJwksUri)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        await AuthorityHarness.WaitUntilAsync(() => harness.Authority.LastJwksRequestPath == "/.well-known/jwks.json/v2");

        // The new key set is in use: a key published now is found through the new URI.
        harness.Authority.RotateKey();
        Assert.True((await harness.VerifyAsync(harness.Mint())).Succeeded);
        Assert.Equal("/.well-known/jwks.json/v2", harness.Authority.LastJwksRequestPath);
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task A_redirect_is_a_failure(HttpStatusCode status)
    {
        var fetcher = CreateFetcher(_ =>
        {
            var response = new HttpResponseMessage(status);
            response.Headers.Location = new Uri("https://elsewhere.example.com/metadata");
            return response;
        });

        var document = await fetcher.FetchAsync(new Uri("https://auth.example.com/.well-known/oauth-authorization-server"), CancellationToken.None);

        Assert.Equal(AuthorityDocumentStatus.Failed, document.Status);
    }

    [Fact]
    public void The_authority_handler_never_follows_redirects()
    {
        using var handler = AuthorityHttpHandler.Create(devMode: true);

        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_refused_while_reading_even_without_content_length()
    {
        var fetcher = CreateFetcher(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new UnknownLengthStream(new byte[2048])),
        }, maxResponseBytes: 1024);

        var document = await fetcher.FetchAsync(new Uri("https://auth.example.com/jwks"), CancellationToken.None);

        Assert.Equal(AuthorityDocumentStatus.Failed, document.Status);
        Assert.Contains("larger", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_within_the_size_limit_is_read_with_its_max_age()
    {
        var fetcher = CreateFetcher(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1024]) };
            response.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { MaxAge = TimeSpan.FromSeconds(120) };
            return response;
        }, maxResponseBytes: 1024);

        var document = await fetcher.FetchAsync(new Uri("https://auth.example.com/jwks"), CancellationToken.None);

        Assert.Equal(AuthorityDocumentStatus.Ok, document.Status);
        Assert.Equal(1024, document.Body!.Length);
        Assert.Equal(TimeSpan.FromSeconds(120), document.MaxAge);
    }

    [Theory]
    [InlineData("http://auth.example.com/jwks")]
    [InlineData("https://user:pass@auth.example.com/jwks")]
    public async Task Outside_dev_mode_only_plain_https_urls_are_fetched(string url)
    {
        var calls = 0;
        var fetcher = CreateFetcher(_ =>
        {
            calls++;
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        var document = await fetcher.FetchAsync(new Uri(url), CancellationToken.None);

        Assert.Equal(AuthorityDocumentStatus.Failed, document.Status);
        Assert.Equal(0, calls);
    }

    private static AuthorityDocumentFetcher CreateFetcher(Func<HttpRequestMessage, HttpResponseMessage> respond, int maxResponseBytes = 512 * 1024)
    {
        var options = new AuthPlaneOptions { Issuer = "https://auth.example.com", Resource = AuthorityHarness.Resource };
        options.Authority.MaxResponseBytes = maxResponseBytes;
        var clients = Substitute.For<IHttpClientFactory>();
        clients.CreateClient(Arg.Any<string>()).Returns(_ => new HttpClient(new RespondingHandler(respond)));
        return new AuthorityDocumentFetcher(clients, Options.Create(options), new FakeTimeProvider());
    }

    /// <summary>The transport the fetcher's client sends through: answers each request with <c>respond</c> (an abstract class, so no substitute).</summary>
    private sealed class RespondingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(respond(request));
    }

    /// <summary>A stream that hides its length, so the content has no Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
