using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Tests.Conformance;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

public sealed class RevocationTests
{
    [Fact]
    [ConformanceCase("rfc7009-revocation-200-is-success-even-for-already-invalid-token")]
    public async Task Revocation_answered_200_with_an_empty_object_succeeds()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(200, "{}"));

        await h.Client.RevokeAsync("already-invalid-token");

        Assert.Equal("already-invalid-token", h.Authority.SingleRequest.Form["token"].ToString());
    }

    [Fact]
    [ConformanceCase("rfc7009-revocation-request-must-post-token-and-token-type-hint")]
    public async Task Revocation_posts_the_token_and_its_type_hint()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(new FakeAnswer(200, string.Empty));

        await h.Client.RevokeAsync("token_to_revoke", "access_token");

        var request = h.Authority.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/oauth/revoke", request.Path);
        Assert.Equal("token_to_revoke", request.Form["token"].ToString());
        Assert.Contains("token_type_hint=access_token", request.RawBody, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    [ConformanceCase("rfc7009-revocation-server-errors-must-surface")]
    public async Task Revocation_server_error_surfaces_as_a_server_exception()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(500, """{"error":"server_error"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneServerException>(() => h.Client.RevokeAsync("tok"));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("server_error", error.Error);
    }

    [Fact]
    public async Task Revocation_error_body_surfaces_as_an_oauth_exception()
    {
        await using var h = await OAuthClientHarness.StartAsync();
        h.Authority.Enqueue(FakeAnswer.Json(400, """{"error":"unsupported_token_type"}"""));

        var error = await Assert.ThrowsAsync<AuthPlaneOAuthException>(() => h.Client.RevokeAsync("tok", "refresh_token"));

        Assert.Equal("unsupported_token_type", error.Error);
        Assert.Equal(400, error.StatusCode);
    }
}
