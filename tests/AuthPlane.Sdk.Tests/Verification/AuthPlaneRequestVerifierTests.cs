using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Conformance;
using AuthPlane.Sdk.Tests.DPoP;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;

namespace AuthPlane.Sdk.Tests.Verification;

/// <summary>
/// The request verifier's header parsing and DPoP binding rules (DESIGN §4.2). The access-token verifier is a
/// NSubstitute stand-in (<see cref="AccessTokenVerifierSubstitute"/>) returning a given <see cref="VerifiedToken"/>,
/// so these tests exercise only the binding rules; proofs are real, signed with real keys, and checked by the
/// real <see cref="DPoPProofValidator"/>.
/// </summary>
public sealed class AuthPlaneRequestVerifierTests : IDisposable
{
    private const string Api = "https://api.example.com/resource";

    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        _key.Dispose();
        foreach (var d in _disposables)
        {
            d.Dispose();
        }
    }

    private (AuthPlaneRequestVerifier Verifier, IAccessTokenVerifier Tokens) Create(
        AccessTokenResult token, DPoPMode mode = DPoPMode.Allowed, string resource = Api, Action<DPoPOptions>? configure = null, IDPoPReplayCache? cache = null)
    {
        var options = Options(o =>
        {
            o.Mode = mode;
            configure?.Invoke(o);
        }, resource);
        var validator = Validator(_time, options, cache);
        _disposables.Add(validator);
        var tokens = AccessTokenVerifierSubstitute.Returning(token);
        return (new AuthPlaneRequestVerifier(tokens, validator, Microsoft.Extensions.Options.Options.Create(options)), tokens);
    }

    private static AccessTokenResult Bound(DPoPKey key) => AccessTokenResult.Success(Token(jkt: key.Thumbprint));

    private static AccessTokenResult Unbound() => AccessTokenResult.Success(Token());

    private string Proof(string method = "GET", string url = Api, DPoPKey? key = null)
        => new DPoPProofBuilder(key ?? _key, method, url, _time).WithAccessToken(AccessToken).Build();

    private static ResourceRequest Request(string? authorization, string? proof = null, string method = "GET", string pathBase = "", string path = "/resource")
        => new(method, pathBase, path, authorization is null ? StringValues.Empty : new StringValues(authorization), proof is null ? StringValues.Empty : new StringValues(proof));

    private static void AssertRejected(RequestVerificationResult result, RejectionReason reason)
    {
        Assert.Equal(RequestVerificationStatus.Rejected, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Token);
    }

    // ---- Authorization header ----

    [Fact]
    public async Task No_authorization_header_is_no_credentials()
    {
        var (verifier, tokens) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request(null));

        Assert.Equal(RequestVerificationStatus.NoCredentials, result.Status);
        Assert.Equal(0, tokens.Calls());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Negotiate abc")]
    public async Task Another_scheme_is_left_to_other_handlers(string authorization)
    {
        var (verifier, _) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request(authorization));

        Assert.Equal(RequestVerificationStatus.NoCredentials, result.Status);
    }

    [Fact]
    public async Task Another_scheme_with_a_dpop_header_is_still_left_to_other_handlers()
    {
        var (verifier, tokens) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request("Basic dXNlcjpwYXNz", Proof()));

        Assert.Equal(RequestVerificationStatus.NoCredentials, result.Status);
        Assert.Equal(0, tokens.Calls());
    }

    [Fact]
    public async Task A_dpop_proof_without_any_token_is_rejected()
    {
        var (verifier, _) = Create(Unbound());

        AssertRejected(await verifier.VerifyAsync(Request(null, Proof())), RejectionReason.DPoPProofWithUnboundToken);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("DPoP")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer a,b")]
    [InlineData("Bearer =abc")]
    [InlineData("Bearer a=b")]
    public async Task An_unparseable_authorization_header_is_malformed(string authorization)
    {
        var (verifier, tokens) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request(authorization));

        AssertRejected(result, RejectionReason.MalformedAuthorizationHeader);
        Assert.Equal(400, result.Reason.StatusCode());
        Assert.Equal(0, tokens.Calls());
    }

    [Fact]
    public async Task Two_authorization_headers_are_malformed()
    {
        var (verifier, _) = Create(Unbound());
        var request = new ResourceRequest("GET", "", "/resource", new StringValues(["Bearer a", "Bearer b"]), StringValues.Empty);

        AssertRejected(await verifier.VerifyAsync(request), RejectionReason.MalformedAuthorizationHeader);
    }

    [Theory]
    [InlineData("bearer", "Bearer")]
    [InlineData("BEARER", "Bearer")]
    [InlineData("Bearer", "Bearer")]
    public async Task The_scheme_name_is_case_insensitive(string scheme, string expected)
    {
        var (verifier, tokens) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request($"{scheme} {AccessToken}"));

        Assert.Equal(RequestVerificationStatus.Authenticated, result.Status);
        Assert.Equal(expected, result.Scheme);
        Assert.Equal(AccessToken, tokens.LastToken());
    }

    // ---- token outcomes ----

    [Fact]
    public async Task A_rejected_token_is_rejected_with_the_verifier_reason()
    {
        var (verifier, _) = Create(AccessTokenResult.Reject(RejectionReason.AudienceMismatch));

        var result = await verifier.VerifyAsync(Request($"Bearer {AccessToken}"));

        AssertRejected(result, RejectionReason.AudienceMismatch);
        Assert.Equal("Bearer", result.Scheme);
    }

    [Fact]
    public async Task An_unreachable_authority_is_unavailable_not_rejected()
    {
        var (verifier, _) = Create(AccessTokenResult.Reject(RejectionReason.AuthorityUnavailable));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof()));

        Assert.Equal(RequestVerificationStatus.Unavailable, result.Status);
        Assert.Equal(RejectionReason.AuthorityUnavailable, result.Reason);
    }

    // ---- binding rules ----

    [Fact]
    [ConformanceCase("rfc9449-bearer-token-with-request-context-and-no-proof-must-still-verify-as-bearer")]
    public async Task An_unbound_bearer_token_without_proof_verifies_as_bearer()
    {
        var (verifier, _) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request($"Bearer {AccessToken}"));

        Assert.Equal(RequestVerificationStatus.Authenticated, result.Status);
        Assert.Equal("Bearer", result.Scheme);
        Assert.NotNull(result.Token);
        Assert.False(result.Token!.IsDPoPBound);
        Assert.Null(result.DPoPNonce);
    }

    [Theory]
    [ConformanceCase("rfc9449-inbound-dpop-proof-must-validate-method-url-and-binding")]
    [InlineData(DPoPMode.Allowed)]
    [InlineData(DPoPMode.Required)]
    public async Task A_bound_token_with_a_matching_proof_for_this_method_and_url_is_accepted(DPoPMode mode)
    {
        var (verifier, _) = Create(Bound(_key), mode);

        var accepted = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("GET", Api)));
        var wrongMethod = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("POST", Api)));
        var wrongUrl = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("GET", "https://api.example.com/other")));

        Assert.Equal(RequestVerificationStatus.Authenticated, accepted.Status);
        Assert.Equal("DPoP", accepted.Scheme);
        Assert.Equal(_key.Thumbprint, accepted.Token!.ConfirmationThumbprint);
        AssertRejected(wrongMethod, RejectionReason.DPoPMethodMismatch);
        AssertRejected(wrongUrl, RejectionReason.DPoPUrlMismatch);
    }

    [Fact]
    public async Task A_bound_token_sent_as_bearer_is_rejected()
    {
        var (verifier, _) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"Bearer {AccessToken}", Proof()));

        AssertRejected(result, RejectionReason.BoundTokenUsedAsBearer);
        Assert.Equal(AuthPlaneErrorCodes.InvalidToken, result.Reason.ErrorCode());
    }

    [Theory]
    [ConformanceCase("rfc9449-dpop-proof-required-when-validating-dpop-bound-token")]
    [InlineData(DPoPMode.Allowed)]
    [InlineData(DPoPMode.Required)]
    public async Task A_bound_token_without_proof_is_rejected(DPoPMode mode)
    {
        var (verifier, _) = Create(Bound(_key), mode);

        AssertRejected(await verifier.VerifyAsync(Request($"DPoP {AccessToken}")), RejectionReason.DPoPProofMissing);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-bound-token-with-request-context-and-no-proof-must-be-rejected-via-main-verify-path")]
    public async Task The_main_verify_path_rejects_a_bound_token_whose_request_has_no_proof()
    {
        var (verifier, tokens) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", proof: null, method: "GET", path: "/resource"));

        AssertRejected(result, RejectionReason.DPoPProofMissing);
        Assert.Equal(1, tokens.Calls());
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-binding-mismatch-must-be-rejected")]
    public async Task A_proof_by_a_key_other_than_cnf_jkt_is_rejected()
    {
        using var attacker = DPoPKey.Create("ES256");
        var (verifier, _) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof(key: attacker)));

        AssertRejected(result, RejectionReason.DPoPKeyBindingMismatch);
    }

    [Fact]
    [ConformanceCase("rfc9449-dpop-bound-token-must-contain-cnf-jkt")]
    public async Task A_token_whose_cnf_has_no_jkt_is_rejected()
    {
        var (verifier, _) = Create(AccessTokenResult.Success(Token(jkt: null, claimsJson: """{"sub":"user-1","cnf":{}}""")));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof()));

        AssertRejected(result, RejectionReason.InvalidConfirmationClaim);
    }

    [Fact]
    [ConformanceCase("rfc9449-verifier-must-reject-bearer-only-token-when-resource-requires-dpop")]
    public async Task Required_mode_rejects_an_unbound_token()
    {
        var (verifier, _) = Create(Unbound(), DPoPMode.Required);

        AssertRejected(await verifier.VerifyAsync(Request($"Bearer {AccessToken}")), RejectionReason.DPoPRequiredButTokenUnbound);
    }

    [Theory]
    [ConformanceCase("rfc9449-verifier-must-reject-dpop-bound-token-when-resource-does-not-support-dpop")]
    [InlineData("Bearer", false)]
    [InlineData("DPoP", true)]
    public async Task Disabled_mode_rejects_a_bound_token(string scheme, bool withProof)
    {
        var (verifier, _) = Create(Bound(_key), DPoPMode.Disabled);

        var result = await verifier.VerifyAsync(Request($"{scheme} {AccessToken}", withProof ? Proof() : null));

        AssertRejected(result, RejectionReason.DPoPNotSupported);
    }

    [Fact]
    public async Task Disabled_mode_rejects_a_proof_sent_with_an_unbound_bearer_token()
    {
        var (verifier, _) = Create(Unbound(), DPoPMode.Disabled);

        AssertRejected(await verifier.VerifyAsync(Request($"Bearer {AccessToken}", Proof())), RejectionReason.DPoPNotSupported);
    }

    [Fact]
    public async Task Disabled_mode_accepts_an_unbound_bearer_token()
    {
        var (verifier, _) = Create(Unbound(), DPoPMode.Disabled);

        Assert.Equal(RequestVerificationStatus.Authenticated, (await verifier.VerifyAsync(Request($"Bearer {AccessToken}"))).Status);
    }

    [Theory]
    [ConformanceCase("rfc9449-verifier-must-reject-dpop-proof-when-access-token-is-not-dpop-bound")]
    [InlineData("Bearer")]
    [InlineData("DPoP")]
    public async Task A_proof_with_an_unbound_token_is_rejected(string scheme)
    {
        var (verifier, _) = Create(Unbound());

        var result = await verifier.VerifyAsync(Request($"{scheme} {AccessToken}", Proof()));

        AssertRejected(result, RejectionReason.DPoPProofWithUnboundToken);
        Assert.Equal(AuthPlaneErrorCodes.InvalidDPoPProof, result.Reason.ErrorCode());
    }

    [Fact]
    public async Task An_unbound_token_with_the_dpop_scheme_and_no_proof_is_rejected()
    {
        var (verifier, _) = Create(Unbound());

        AssertRejected(await verifier.VerifyAsync(Request($"DPoP {AccessToken}")), RejectionReason.DPoPProofMissing);
    }

    // ---- htu construction ----

    [Fact]
    public async Task The_expected_htu_is_the_configured_origin_plus_path_base_and_path()
    {
        var (verifier, _) = Create(Bound(_key), resource: "https://MCP.example.com:443/tenant/mcp");

        var accepted = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("POST", "https://mcp.example.com/tenant/mcp"), "POST", "/tenant", "/mcp"));
        var internalHost = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("POST", "http://10.0.0.7:8080/tenant/mcp"), "POST", "/tenant", "/mcp"));
        var rewrittenPath = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof("POST", "https://mcp.example.com/tenant/mcp"), "POST", "", "/mcp"));

        Assert.Equal(RequestVerificationStatus.Authenticated, accepted.Status);
        AssertRejected(internalHost, RejectionReason.DPoPUrlMismatch);
        AssertRejected(rewrittenPath, RejectionReason.DPoPUrlMismatch);
        Assert.Contains("proxy", rewrittenPath.Reason.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_that_is_not_an_absolute_http_url_fails_at_construction()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Create(Unbound(), resource: "mcp"));

        Assert.Contains("AuthPlane:Resource", error.Message, StringComparison.Ordinal);
    }

    // ---- availability and nonces ----

    [Fact]
    public async Task An_unavailable_replay_store_gives_the_unavailable_outcome()
    {
        var (verifier, _) = Create(Bound(_key), cache: ReplayCacheAnswering(ReplayCheckResult.Unavailable));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof()));

        Assert.Equal(RequestVerificationStatus.Unavailable, result.Status);
        Assert.Equal(RejectionReason.ReplayStoreUnavailable, result.Reason);
        Assert.Equal(503, result.Reason.StatusCode());
        Assert.Null(result.Token);
    }

    [Fact]
    public async Task A_nonce_challenge_carries_the_fresh_nonce()
    {
        var (verifier, _) = Create(Bound(_key), configure: o =>
        {
            o.RequireNonce = true;
            o.NonceKey = NonceKey;
        });

        var challenge = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof()));
        var retry = await verifier.VerifyAsync(Request(
            $"DPoP {AccessToken}",
            new DPoPProofBuilder(_key, "GET", Api, _time).WithAccessToken(AccessToken).WithNonce(challenge.DPoPNonce).Build()));

        AssertRejected(challenge, RejectionReason.DPoPNonceRequired);
        Assert.NotNull(challenge.DPoPNonce);
        Assert.Equal(RequestVerificationStatus.Authenticated, retry.Status);
    }

    [Fact]
    public async Task Sixty_four_concurrent_requests_with_one_proof_authenticate_exactly_once()
    {
        var (verifier, _) = Create(Bound(_key));
        var request = Request($"DPoP {AccessToken}", Proof());

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await verifier.VerifyAsync(request))));

        Assert.Equal(1, results.Count(r => r.Status == RequestVerificationStatus.Authenticated));
        Assert.Equal(63, results.Count(r => r.Reason == RejectionReason.DPoPReplayed));
    }

    // RFC 9449 §4.3 item 9 with RFC 3986 §6.2.2: the proof's htu and the request target as received are compared
    // after normalising both. Before: compared against ASP.NET's re-escaped path, these legitimate proofs failed.
    [Theory]
    [InlineData("https://api.example.com/m~cp", "/m%7Ecp")]
    [InlineData("https://api.example.com/m%7Ecp", "/m~cp")]
    [InlineData("https://api.example.com/m%7ecp", "/m%7Ecp")]
    [InlineData("https://api.example.com/caf%c3%a9", "/caf%C3%A9")]
    [InlineData("https://api.example.com/caf%C3%A9", "/caf%c3%a9?x=1")]
    [InlineData("https://api.example.com/a/../mcp", "/mcp")]
    [InlineData("https://api.example.com/mcp", "/a/./../mcp")]
    [InlineData("HTTPS://API.example.com:443/mcp", "/mcp")]
    public async Task A_proof_naming_the_request_target_in_another_equivalent_spelling_is_accepted(string htu, string rawTarget)
    {
        var (verifier, _) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof(url: htu), path: "/ignored") with { RawTarget = rawTarget });

        Assert.Equal(RequestVerificationStatus.Authenticated, result.Status);
    }

    [Theory]
    [InlineData("https://api.example.com/mcp", "/MCP")]
    [InlineData("https://api.example.com/a%2Fmcp", "/a/mcp")]
    [InlineData("https://api.example.com/mcp", "/mcp/")]
    [InlineData("https://api.example.com/mcp", "/admin/../mcp/x")]
    [InlineData("https://attacker.example/mcp", "https://attacker.example/mcp")]
    [InlineData("https://api.example.com:8443/mcp", "/mcp")]
    [InlineData("http://api.example.com/mcp", "/mcp")]
    public async Task A_proof_naming_another_target_is_rejected_whatever_the_spelling(string htu, string rawTarget)
    {
        var (verifier, _) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof(url: htu), path: "/mcp") with { RawTarget = rawTarget });

        Assert.Equal(RequestVerificationStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.DPoPUrlMismatch, result.Reason);
        Assert.Equal("DPoP", result.Scheme);
    }

    [Fact]
    public async Task Without_a_raw_target_the_path_base_and_path_are_normalised_too()
    {
        var (verifier, _) = Create(Bound(_key));

        var result = await verifier.VerifyAsync(Request($"DPoP {AccessToken}", Proof(url: "https://api.example.com/m%7ecp"), path: "/m~cp"));

        Assert.Equal(RequestVerificationStatus.Authenticated, result.Status);
    }
}

/// <summary>NSubstitute stand-ins for <see cref="IAccessTokenVerifier"/>.</summary>
internal static class AccessTokenVerifierSubstitute
{
    /// <summary>A substitute answering every token with <paramref name="result"/>; its received calls record the tokens.</summary>
    public static IAccessTokenVerifier Returning(AccessTokenResult result)
    {
        var verifier = Substitute.For<IAccessTokenVerifier>();
#pragma warning disable CA2012 // NSubstitute configures the call; the ValueTask is never awaited here
        verifier.VerifyAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => ValueTask.FromResult(result));
#pragma warning restore CA2012
        return verifier;
    }

    /// <summary>How many tokens <paramref name="verifier"/> was asked to verify.</summary>
    public static int Calls(this IAccessTokenVerifier verifier) => verifier.ReceivedCalls().Count();

    /// <summary>The last token <paramref name="verifier"/> was asked to verify.</summary>
    public static string? LastToken(this IAccessTokenVerifier verifier) => verifier.ReceivedCalls().LastOrDefault()?.GetArguments()[0] as string;
}
