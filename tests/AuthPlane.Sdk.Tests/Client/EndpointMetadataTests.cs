using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class EndpointMetadataTests
{
    private static AuthorizationServerMetadata Metadata(Uri? token = null, Uri? introspection = null, Uri? revocation = null) => new()
    {
        Issuer = "https://auth.example.com",
        JwksUri = new Uri("https://auth.example.com/.well-known/jwks.json"),
        TokenEndpoint = token,
        IntrospectionEndpoint = introspection,
        RevocationEndpoint = revocation,
    };

    private static Task<OAuthClientHarness> StartAsync(AuthorizationServerMetadata metadata) =>
        OAuthClientHarness.StartAsync(o => o.DevMode = false, metadata: _ => metadata);

    [Fact]
    [ConformanceCase("rfc8414-token-endpoint-required-when-token-operation-is-used")]
    public async Task Token_operations_without_a_token_endpoint_fail_with_missing_endpoint()
    {
        await using var h = await StartAsync(Metadata());

        var exchange = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." }));
        var credentials = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, exchange.Failure);
        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, credentials.Failure);
        Assert.Contains("token_endpoint", exchange.Message, StringComparison.Ordinal);
    }

    [Fact]
    [ConformanceCase("rfc8414-token-endpoint-must-be-absolute-https-url")]
    public async Task A_plain_http_token_endpoint_is_refused_outside_dev_mode_before_any_request()
    {
        await using var h = await StartAsync(Metadata(token: new Uri("http://auth.example.com/oauth/token")));

        var exchange = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.ExchangeTokenAsync(new TokenExchangeRequest { SubjectToken = "eyJ..." }));
        var credentials = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.RequestClientCredentialsTokenAsync());

        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, exchange.Failure);
        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, credentials.Failure);
    }

    [Fact]
    [ConformanceCase("rfc8414-introspection-endpoint-required-when-introspection-is-used")]
    public async Task Introspection_without_an_introspection_endpoint_fails_with_missing_endpoint()
    {
        await using var h = await StartAsync(Metadata());

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.IntrospectAsync("tok"));

        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, error.Failure);
        Assert.Contains("introspection_endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [ConformanceCase("rfc8414-introspection-endpoint-must-be-absolute-https-url")]
    public async Task A_plain_http_introspection_endpoint_is_refused_outside_dev_mode()
    {
        await using var h = await StartAsync(Metadata(introspection: new Uri("http://auth.example.com/oauth/introspect")));

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.IntrospectAsync("tok"));

        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, error.Failure);
    }

    [Fact]
    [ConformanceCase("rfc8414-revocation-endpoint-required-when-revocation-is-used")]
    public async Task Revocation_without_a_revocation_endpoint_fails_with_missing_endpoint()
    {
        await using var h = await StartAsync(Metadata());

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.RevokeAsync("tok"));

        Assert.Equal(AuthorityMetadataFailure.MissingEndpoint, error.Failure);
        Assert.Contains("revocation_endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [ConformanceCase("rfc8414-revocation-endpoint-must-be-absolute-https-url")]
    public async Task A_plain_http_revocation_endpoint_is_refused_outside_dev_mode()
    {
        await using var h = await StartAsync(Metadata(revocation: new Uri("http://auth.example.com/oauth/revoke")));

        var error = await Assert.ThrowsAsync<AuthPlaneAuthorityMetadataException>(() => h.Client.RevokeAsync("tok"));

        Assert.Equal(AuthorityMetadataFailure.InsecureEndpoint, error.Failure);
    }

    [Fact]
    public async Task A_plain_http_endpoint_is_used_in_dev_mode()
    {
        await using var h = await OAuthClientHarness.StartAsync(o => o.DevMode = true);
        h.Authority.Enqueue(FakeAnswer.Json(200, "{}"));

        await h.Client.RevokeAsync("tok");

        Assert.Single(h.Authority.Requests);
    }
}
