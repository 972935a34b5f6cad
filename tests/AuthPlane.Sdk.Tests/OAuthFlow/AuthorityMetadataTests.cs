using System.Net;
using AuthPlane.Sdk.Tests.TestAuthorityOAuth;
using Xunit;

namespace AuthPlane.Sdk.Tests.OAuthFlow;

/// <summary>The authority's RFC 8414 metadata tells the truth: AuthPlane's shape, and every advertised endpoint answers, with CORS where browsers need it.</summary>
public sealed class AuthorityMetadataTests
{
    [Fact]
    public async Task The_metadata_has_AuthPlanes_members_in_AuthPlanes_order()
    {
        await using var flow = await FlowHarness.StartAsync();

        var metadata = await OAuthHarness.JsonAsync(await flow.Http.GetAsync(flow.Authority.MetadataUri));
        var issuer = flow.Authority.Issuer;

        Assert.Equal(
            ["issuer", "authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint", "introspection_endpoint", "jwks_uri",
             "response_types_supported", "grant_types_supported", "token_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported",
             "revocation_endpoint_auth_methods_supported", "code_challenge_methods_supported", "scopes_supported", "resource_indicators_supported",
             "dpop_signing_alg_values_supported", "authorization_response_iss_parameter_supported"],
            metadata.Select(static member => member.Key));
        Assert.Equal(issuer + "/oauth/authorize", metadata["authorization_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer + "/oauth/register", metadata["registration_endpoint"]!.GetValue<string>());
        Assert.Equal(issuer + "/.well-known/jwks.json", metadata["jwks_uri"]!.GetValue<string>());
        Assert.Equal("[\"authorization_code\",\"refresh_token\",\"client_credentials\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]", metadata["grant_types_supported"]!.ToJsonString());
        Assert.Equal("[\"none\",\"client_secret_basic\",\"client_secret_post\"]", metadata["token_endpoint_auth_methods_supported"]!.ToJsonString());
        Assert.Equal("[\"calendar:read\",\"calendar:write\"]", metadata["scopes_supported"]!.ToJsonString());
        Assert.True(metadata["resource_indicators_supported"]!.GetValue<bool>());
        Assert.True(metadata["authorization_response_iss_parameter_supported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_advertised_endpoint_answers()
    {
        await using var flow = await FlowHarness.StartAsync();
        var metadata = await OAuthHarness.JsonAsync(await flow.Http.GetAsync(flow.Authority.MetadataUri));
        Uri Endpoint(string name) => new(metadata[name]!.GetValue<string>());
        using var empty = new FormUrlEncodedContent([]);

        using var jwks = await flow.Http.GetAsync(Endpoint("jwks_uri"));
        using var authorize = await flow.Http.GetAsync(Endpoint("authorization_endpoint"));
        using var token = await flow.Http.PostAsync(Endpoint("token_endpoint"), new FormUrlEncodedContent([KeyValuePair.Create("client_id", FlowHarness.IntrospectorId), KeyValuePair.Create("client_secret", FlowHarness.IntrospectorSecret)]));
        using var register = await flow.Http.PostAsync(Endpoint("registration_endpoint"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var revoke = await flow.Http.PostAsync(Endpoint("revocation_endpoint"), empty);
        using var introspect = await flow.Http.PostAsync(Endpoint("introspection_endpoint"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode); // the error page for a request without a client
        await TokenEndpointTests.AssertErrorAsync(token, HttpStatusCode.BadRequest, "invalid_request", "grant_type is required");
        await TokenEndpointTests.AssertErrorAsync(register, HttpStatusCode.BadRequest, "invalid_redirect_uri");
        await TokenEndpointTests.AssertErrorAsync(revoke, HttpStatusCode.Unauthorized, "invalid_client", "client authentication failed");
        await TokenEndpointTests.AssertErrorAsync(introspect, HttpStatusCode.Unauthorized, "invalid_client", "client authentication failed");
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("jwks")]
    [InlineData("registration")]
    [InlineData("token")]
    public async Task Browser_clients_get_CORS_answers_and_preflights(string endpoint)
    {
        await using var flow = await FlowHarness.StartAsync();
        var url = endpoint switch
        {
            "metadata" => flow.Authority.MetadataUri,
            "jwks" => flow.Authority.JwksUri,
            "registration" => flow.Authority.RegistrationEndpoint,
            _ => flow.Authority.TokenEndpoint,
        };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
        preflight.Headers.Add("Origin", "http://localhost:6274");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var answer = await flow.Http.SendAsync(preflight);
        using var get = new HttpRequestMessage(HttpMethod.Get, flow.Authority.MetadataUri);
        get.Headers.Add("Origin", "http://localhost:6274");
        using var actual = await flow.Http.SendAsync(get);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("Content-Type", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal("*", actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
