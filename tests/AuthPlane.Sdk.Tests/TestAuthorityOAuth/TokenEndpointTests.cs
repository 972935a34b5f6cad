using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Testing;
using Xunit;

namespace AuthPlane.Sdk.Tests.TestAuthorityOAuth;

/// <summary>The token endpoint's request handling and the client credentials grant.</summary>
public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Client_credentials_mints_a_verifiable_token_for_the_client_and_resource()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(("grant_type", "client_credentials"), ("scope", "tools:read tools:write"), ("resource", AuthorityHarness.Resource));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await OAuthHarness.JsonAsync(response);
        Assert.Equal(["access_token", "token_type", "expires_in", "scope"], body.Select(member => member.Key));
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.Equal("tools:read tools:write", body["scope"]!.GetValue<string>());
        var verified = (await harness.Inner.VerifyAsync(body["access_token"]!.GetValue<string>())).Token!;
        Assert.Equal(OAuthHarness.ClientId, verified.Subject);
        Assert.Equal(OAuthHarness.ClientId, verified.ClientId);
        Assert.Equal([AuthorityHarness.Resource], verified.Audiences);
        Assert.Equal(["tools:read", "tools:write"], verified.Scopes);
    }

    [Fact]
    public async Task Client_credentials_with_several_resources_puts_each_in_aud_and_without_one_uses_the_issuer()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var several = await harness.PostTokenAsync(("grant_type", "client_credentials"), ("resource", "https://a.example/mcp"), ("resource", "https://b.example/mcp"));
        using var none = await harness.PostTokenAsync(("grant_type", "client_credentials"));

        Assert.Equal(["https://a.example/mcp", "https://b.example/mcp"], await AudiencesAsync(harness, several));
        Assert.Equal([harness.Authority.Issuer], await AudiencesAsync(harness, none));
        Assert.False((await OAuthHarness.JsonAsync(none)).ContainsKey("scope"));
    }

    [Theory]
    [InlineData("https://a.example/mcp#fragment")]
    [InlineData("relative/path")]
    public async Task Client_credentials_for_a_resource_that_is_not_an_absolute_uri_without_fragment_is_invalid_target(string resource)
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(("grant_type", "client_credentials"), ("resource", resource));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_target");
    }

    [Fact]
    public async Task An_unsupported_grant_type_is_refused()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(("grant_type", "password"), ("username", "u"), ("password", "p"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task A_missing_grant_type_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(("scope", "a"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_repeated_parameter_other_than_resource_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.PostTokenAsync(("grant_type", "client_credentials"), ("scope", "a"), ("scope", "b"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_json_body_is_invalid_request()
    {
        await using var harness = await OAuthHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, harness.Authority.TokenEndpoint)
        {
            Content = JsonContent.Create(new { grant_type = "client_credentials" }),
        };
        request.Headers.Authorization = OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret);

        using var response = await harness.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task The_token_endpoint_answers_only_post()
    {
        await using var harness = await OAuthHarness.StartAsync();

        using var response = await harness.Http.GetAsync(harness.Authority.TokenEndpoint);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/tenant-a")]
    public async Task Metadata_advertises_the_endpoints_the_authority_serves(string issuerPath)
    {
        await using var harness = await OAuthHarness.StartAsync(issuerPath);

        var metadata = JsonNode.Parse(await harness.Http.GetStringAsync(harness.Authority.MetadataUri))!.AsObject();

        Assert.Equal(harness.Authority.TokenEndpoint.ToString(), metadata["token_endpoint"]!.GetValue<string>());
        Assert.Equal(harness.Authority.IntrospectionEndpoint.ToString(), metadata["introspection_endpoint"]!.GetValue<string>());
        Assert.Equal(harness.Authority.RevocationEndpoint.ToString(), metadata["revocation_endpoint"]!.GetValue<string>());
        var basic = OAuthHarness.Basic(OAuthHarness.ClientId, OAuthHarness.ClientSecret);
        using var token = await harness.PostFormAsync(new Uri(metadata["token_endpoint"]!.GetValue<string>()), OAuthHarness.Pairs([("grant_type", "client_credentials")]), basic);
        using var introspection = await harness.PostFormAsync(new Uri(metadata["introspection_endpoint"]!.GetValue<string>()), OAuthHarness.Pairs([("token", "x")]), basic);
        using var revocation = await harness.PostFormAsync(new Uri(metadata["revocation_endpoint"]!.GetValue<string>()), OAuthHarness.Pairs([("token", "x")]), basic);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, introspection.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revocation.StatusCode);
    }

    [Theory]
    [InlineData(EndpointFault.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(EndpointFault.NotFound, HttpStatusCode.NotFound)]
    public async Task The_token_fault_knob_breaks_the_endpoint_and_requests_are_still_counted(EndpointFault fault, HttpStatusCode status)
    {
        await using var harness = await OAuthHarness.StartAsync();
        harness.Authority.TokenFault = fault;

        using var faulted = await harness.PostTokenAsync(("grant_type", "client_credentials"));
        harness.Authority.TokenFault = EndpointFault.None;
        using var healthy = await harness.PostTokenAsync(("grant_type", "client_credentials"));

        Assert.Equal(status, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(2, harness.Authority.TokenRequestCount);
    }

    /// <summary>Asserts AuthPlane's error envelope: status, problem+json, the error code and the RFC 9457 members.</summary>
    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await OAuthHarness.JsonAsync(response);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.Equal("https://docs.authplane.ai/errors/" + error, body["type"]!.GetValue<string>());
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.Equal(body["error_description"]!.GetValue<string>(), body["detail"]!.GetValue<string>());
        if (description is not null)
        {
            Assert.Equal(description, body["error_description"]!.GetValue<string>());
        }
    }

    private static async Task<string[]> AudiencesAsync(OAuthHarness harness, HttpResponseMessage response)
    {
        var token = (await OAuthHarness.JsonAsync(response))["access_token"]!.GetValue<string>();
        using var introspection = await harness.IntrospectAsync(token);
        return [.. (await OAuthHarness.JsonAsync(introspection))["aud"]!.AsArray().Select(static aud => aud!.GetValue<string>())];
    }
}
