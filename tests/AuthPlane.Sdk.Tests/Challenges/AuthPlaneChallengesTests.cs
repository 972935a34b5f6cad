using System.Text;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tests.Conformance;
using Xunit;

namespace AuthPlane.Sdk.Tests.Challenges;

public class AuthPlaneChallengesTests
{
    private const string Realm = "realm=\"https://api.example.com/mcp\"";
    private const string Prm = "resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\"";
    private const string Algs = "algs=\"ES256 RS256 PS256\"";

    private static AuthPlaneChallenges Challenges(DPoPMode mode = DPoPMode.Allowed, string[]? scopes = null, string? realm = null) =>
        new(new AuthPlaneOptions
        {
            Issuer = "https://auth.example.com",
            Resource = "https://api.example.com/mcp",
            Scopes = scopes ?? ["calendar:read", "calendar:write"],
            Realm = realm,
            DPoP = new DPoPOptions { Mode = mode },
        });

    private static string Body(AuthPlaneErrorResponse response) => Encoding.UTF8.GetString(response.Body.Span);

    [Fact]
    public void No_credentials_with_dpop_allowed_offers_bearer_then_dpop_with_scope_and_resource_metadata()
    {
        var response = Challenges().NoCredentials;

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(
            [
                $"Bearer {Realm}, scope=\"calendar:read calendar:write\", {Prm}",
                $"DPoP {Realm}, {Algs}, scope=\"calendar:read calendar:write\", {Prm}",
            ],
            response.Challenges);
        Assert.Null(response.RetryAfter);
    }

    [Fact]
    public void No_credentials_with_dpop_disabled_offers_only_bearer()
    {
        Assert.Equal([$"Bearer {Realm}, scope=\"calendar:read calendar:write\", {Prm}"], Challenges(DPoPMode.Disabled).NoCredentials.Challenges);
    }

    [Fact]
    public void No_credentials_with_dpop_required_offers_only_dpop()
    {
        Assert.Equal([$"DPoP {Realm}, {Algs}, scope=\"calendar:read calendar:write\", {Prm}"], Challenges(DPoPMode.Required).NoCredentials.Challenges);
    }

    [Fact]
    public void No_credentials_without_scopes_omits_scope()
    {
        Assert.Equal([$"Bearer {Realm}, {Prm}"], Challenges(DPoPMode.Disabled, scopes: []).NoCredentials.Challenges);
    }

    [Fact]
    public void No_credentials_body_carries_no_error_code()
    {
        // RFC 6750 §3.1: a request without authentication information gets no error code, in the body as in the header.
        var response = Challenges().NoCredentials;

        Assert.Equal("""{"error_description":"An access token is required"}""", Body(response));
        Assert.Null(response.Error);
    }

    [Theory]
    [InlineData(RejectionReason.TokenExpired, "The access token expired")]
    [InlineData(RejectionReason.InvalidSignature, "The access token signature is invalid")]
    [InlineData(RejectionReason.AudienceMismatch, "The access token was not issued for this resource")]
    [InlineData(RejectionReason.TokenInactive, "The access token is no longer active")]
    public void Invalid_token_with_bearer_is_challenged_with_bearer(RejectionReason reason, string description)
    {
        var response = Challenges().ForRejection(reason, "Bearer");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, error=\"invalid_token\", error_description=\"{description}\", {Prm}"], response.Challenges);
        Assert.Equal($$"""{"error":"invalid_token","error_description":"{{description}}"}""", Body(response));
    }

    [Fact]
    public void Invalid_token_with_dpop_is_challenged_with_dpop_and_algs()
    {
        var response = Challenges().ForRejection(RejectionReason.TokenExpired, "DPoP");

        Assert.Equal([$"DPoP {Realm}, {Algs}, error=\"invalid_token\", error_description=\"The access token expired\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Bound_token_as_bearer_is_challenged_with_bearer_invalid_token()
    {
        var response = Challenges().ForRejection(RejectionReason.BoundTokenUsedAsBearer, "Bearer");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, error=\"invalid_token\", error_description=\"A DPoP-bound access token must be sent with the DPoP scheme\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Proof_key_not_matching_cnf_is_challenged_with_dpop_invalid_token()
    {
        var response = Challenges().ForRejection(RejectionReason.DPoPKeyBindingMismatch, "DPoP");

        Assert.Equal([$"DPoP {Realm}, {Algs}, error=\"invalid_token\", error_description=\"The DPoP proof key does not match the access token binding\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Dpop_required_but_unbound_bearer_token_is_challenged_with_dpop()
    {
        var response = Challenges(DPoPMode.Required).ForRejection(RejectionReason.DPoPRequiredButTokenUnbound, "Bearer");

        Assert.Equal([$"DPoP {Realm}, {Algs}, error=\"invalid_token\", error_description=\"This resource requires a DPoP-bound access token\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Dpop_disabled_but_dpop_used_is_challenged_with_bearer()
    {
        var response = Challenges(DPoPMode.Disabled).ForRejection(RejectionReason.DPoPNotSupported, "DPoP");

        Assert.Equal([$"Bearer {Realm}, error=\"invalid_token\", error_description=\"This resource does not accept DPoP\", {Prm}"], response.Challenges);
    }

    [Theory]
    [InlineData(RejectionReason.DPoPReplayed, "DPoP proof jti already used")]
    [InlineData(RejectionReason.DPoPUrlMismatch, "DPoP proof htu does not match the request URL (a proxy that rewrites the path breaks DPoP)")]
    [InlineData(RejectionReason.MultipleDPoPProofs, "Exactly one DPoP proof is allowed")]
    [InlineData(RejectionReason.DPoPProofWithUnboundToken, "A DPoP proof was sent with an access token that is not DPoP-bound")]
    public void Invalid_proof_is_always_challenged_with_dpop(RejectionReason reason, string description)
    {
        foreach (var clientScheme in new[] { "Bearer", "DPoP", null })
        {
            var response = Challenges().ForRejection(reason, clientScheme);

            Assert.Equal(401, response.StatusCode);
            Assert.Equal([$"DPoP {Realm}, {Algs}, error=\"invalid_dpop_proof\", error_description=\"{description}\", {Prm}"], response.Challenges);
        }
    }

    [Fact]
    public void Missing_nonce_is_challenged_with_dpop_use_dpop_nonce()
    {
        var response = Challenges().ForRejection(RejectionReason.DPoPNonceRequired, "DPoP");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal([$"DPoP {Realm}, {Algs}, error=\"use_dpop_nonce\", error_description=\"A fresh DPoP nonce is required\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Malformed_authorization_header_is_400_invalid_request()
    {
        var response = Challenges().ForRejection(RejectionReason.MalformedAuthorizationHeader, null);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal([$"Bearer {Realm}, error=\"invalid_request\", error_description=\"The Authorization header is malformed or repeated\", {Prm}"], response.Challenges);
    }

    [Fact]
    public void Insufficient_scope_is_403_with_granted_then_missing_required_scopes_in_the_client_scheme()
    {
        var response = Challenges().ForInsufficientScope("DPoP", ["calendar:read", "profile"], ["profile", "calendar:write", "calendar:write"]);

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(
            [$"DPoP {Realm}, {Algs}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read profile calendar:write\", {Prm}"],
            response.Challenges);
        Assert.Equal("""{"error":"insufficient_scope","error_description":"The access token lacks a scope this request requires"}""", Body(response));
    }

    [Theory]
    [InlineData(RejectionReason.AuthorityUnavailable, "The authorization server cannot be reached to verify the token")]
    [InlineData(RejectionReason.ReplayStoreUnavailable, "The DPoP replay store cannot be reached")]
    [InlineData(RejectionReason.IntrospectionUnavailable, "The introspection endpoint cannot be reached")]
    public void Unavailable_is_503_without_challenge_with_retry_after(RejectionReason reason, string description)
    {
        var response = Challenges().ForRejection(reason, "Bearer");

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(response.Challenges);
        Assert.Equal(TimeSpan.FromSeconds(10), response.RetryAfter);
        Assert.Equal($$"""{"error":"temporarily_unavailable","error_description":"{{description}}"}""", Body(response));
    }

    [Fact]
    public void Realm_defaults_to_the_resource_and_can_be_configured_with_escaping()
    {
        var response = Challenges(DPoPMode.Disabled, realm: "My \"MCP\" \\ realm\r\n").ForRejection(RejectionReason.TokenExpired, "Bearer");

        Assert.StartsWith("Bearer realm=\"My \\\"MCP\\\" \\\\ realm\", error=\"invalid_token\"", response.Challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Formatter_escapes_quotes_and_backslashes_and_removes_control_characters()
    {
        Assert.Equal("a\\\"b\\\\cde", WwwAuthenticateFormatter.EscapeQuotedString("a\"b\\c\r\nd\u0000\u007fe"));
        Assert.Equal(
            "Bearer realm=\"x\", error=\"e\\\"\", scope=\"s\"",
            WwwAuthenticateFormatter.Format("Bearer", realm: "x", error: "e\"\n", scope: "s"));
    }

    [Fact]
    public void Formatter_orders_parameters_as_the_wire_contract()
    {
        Assert.Equal(
            "DPoP realm=\"r\", algs=\"ES256\", error=\"e\", error_description=\"d\", scope=\"s\", resource_metadata=\"m\"",
            WwwAuthenticateFormatter.Format("DPoP", resourceMetadata: "m", scope: "s", errorDescription: "d", error: "e", algs: "ES256", realm: "r"));
    }

    [Fact]
    [ConformanceCase("rfc6750-error-response-realm-should-be-included")]
    public void Error_response_with_a_known_resource_includes_realm()
    {
        var challenges = new AuthPlaneChallenges(new AuthPlaneOptions { Issuer = "https://auth.example.com", Resource = "https://api.example.com" });

        var expired = challenges.ForRejection(RejectionReason.TokenExpired, "Bearer").Challenges.Single();
        var dpopInvalid = challenges.ForRejection(RejectionReason.DPoPInvalidSignature, "DPoP").Challenges.Single();

        Assert.StartsWith("Bearer realm=\"https://api.example.com\"", expired, StringComparison.Ordinal);
        Assert.StartsWith("DPoP realm=\"https://api.example.com\"", dpopInvalid, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ErrorScenarios => new()
    {
        { "token_expired", "invalid_token", "Bearer" },
        { "invalid_signature", "invalid_token", "Bearer" },
        { "insufficient_scope", "insufficient_scope", "Bearer" },
        { "dpop_error", "invalid_token", "DPoP" },
        { "dpop_multi_header", "invalid_dpop_proof", "DPoP" },
        { "dpop_not_supported", "invalid_token", "Bearer" },
    };

    [Theory]
    [ConformanceCase("rfc6750-error-response-must-map-error-codes")]
    [MemberData(nameof(ErrorScenarios))]
    public void Sdk_errors_map_to_rfc6750_error_codes(string scenario, string expectedError, string expectedScheme)
    {
        var allowed = Challenges();
        var response = scenario switch
        {
            "token_expired" => allowed.ForRejection(RejectionReason.TokenExpired, "Bearer"),
            "invalid_signature" => allowed.ForRejection(RejectionReason.InvalidSignature, "Bearer"),
            "insufficient_scope" => allowed.ForInsufficientScope("Bearer", ["calendar:read"], ["calendar:write"]),
            // A DPoP binding failure (proof key is not the token's cnf.jkt) is an invalid token, challenged in DPoP.
            "dpop_error" => allowed.ForRejection(RejectionReason.DPoPKeyBindingMismatch, "DPoP"),
            "dpop_multi_header" => allowed.ForRejection(RejectionReason.MultipleDPoPProofs, "DPoP"),
            // A bearer-only resource answers a DPoP attempt in Bearer.
            "dpop_not_supported" => Challenges(DPoPMode.Disabled).ForRejection(RejectionReason.DPoPNotSupported, "DPoP"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var challenge = response.Challenges.Single();
        Assert.StartsWith(expectedScheme + " ", challenge, StringComparison.Ordinal);
        Assert.Contains($"error=\"{expectedError}\", error_description=\"{response.ErrorDescription}\"", challenge, StringComparison.Ordinal);
        Assert.Equal(expectedError, response.Error);
    }
}
