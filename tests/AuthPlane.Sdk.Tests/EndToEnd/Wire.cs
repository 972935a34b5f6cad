using System.Net;
using Xunit;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>The exact challenge parts of the end-to-end host (DESIGN §4.4) and one assertion for a whole rejection.</summary>
internal static class Wire
{
    public const string Realm = "realm=\"http://localhost/mcp\"";
    public const string Prm = "resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\"";
    public const string Algs = "algs=\"ES256 RS256 PS256\"";
    public const string AllScopes = "scope=\"calendar:read calendar:write\"";

    /// <summary>A fixed 32-byte DPoP nonce key (base64) for hosts that require nonces.</summary>
    public static readonly string NonceKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>The single challenge of a rejection: <c>Bearer</c> or <c>DPoP</c> (with <c>algs</c>) carrying the error.</summary>
    public static string Challenge(string scheme, string error, string description) => scheme == "DPoP"
        ? $"DPoP {Realm}, {Algs}, error=\"{error}\", error_description=\"{description}\", {Prm}"
        : $"Bearer {Realm}, error=\"{error}\", error_description=\"{description}\", {Prm}";

    /// <summary>Asserts status, the exact <c>WWW-Authenticate</c> lines and the exact JSON body.</summary>
    public static async Task AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status, string[] challenges, string? error, string description)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(challenges, response.Headers.TryGetValues("WWW-Authenticate", out var values) ? values : []);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = error is null
            ? $$"""{"error_description":"{{description}}"}"""
            : $$"""{"error":"{{error}}","error_description":"{{description}}"}""";
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts a 401 with one challenge in <paramref name="scheme"/> naming <paramref name="error"/> and <paramref name="description"/>.</summary>
    public static Task AssertUnauthorizedAsync(HttpResponseMessage response, string scheme, string error, string description) =>
        AssertRejectedAsync(response, HttpStatusCode.Unauthorized, [Challenge(scheme, error, description)], error, description);
}
