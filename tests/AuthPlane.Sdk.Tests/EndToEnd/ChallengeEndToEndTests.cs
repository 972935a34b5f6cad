using System.Net;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using Xunit;
using static AuthPlane.Sdk.Tests.EndToEnd.Wire;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// Every row of DESIGN §4.4 sent as raw HTTP through the real pipeline (real verifier, real JWKS from a
/// <see cref="TestAuthority"/>, real DPoP validator): exact status, <c>WWW-Authenticate</c> lines and body.
/// </summary>
public sealed class ChallengeEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>, IDisposable
{
    private const string InvalidToken = "invalid_token";
    private const string InvalidProof = "invalid_dpop_proof";

    private readonly TestAuthority _authority = fixture.Authority;
    private readonly DPoPKey _key = DPoPKey.Create();

    public void Dispose() => _key.Dispose();

    private Task<EndToEndHost> StartAsync(Action<AuthPlaneOptions>? configure = null) => EndToEndHost.StartAsync(_authority.Issuer, configure);

    private string Token(Action<AccessTokenDescriptor>? configure = null) => _authority.MintAccessToken(EndToEndHost.Resource, configure);

    private string BoundToken(DPoPKey key) => Token(d => d.ConfirmationThumbprint = key.Thumbprint);

    private DPoPProofBuilder Proof(string token, DPoPKey? key = null) =>
        new DPoPProofBuilder(key ?? _key, "POST", EndToEndHost.Resource).WithAccessToken(token);

    [Theory]
    [InlineData(DPoPMode.Allowed, new[] { "Bearer", "DPoP" })]
    [InlineData(DPoPMode.Required, new[] { "DPoP" })]
    [InlineData(DPoPMode.Disabled, new[] { "Bearer" })]
    public async Task No_credentials_get_the_challenges_of_the_dpop_mode_with_scope_and_resource_metadata(DPoPMode mode, string[] schemes)
    {
        await using var host = await StartAsync(o => o.DPoP.Mode = mode);

        using var response = await host.PostAsync(authorization: null);

        var expected = schemes.Select(scheme => scheme == "DPoP"
            ? $"DPoP {Realm}, {Algs}, {AllScopes}, {Prm}"
            : $"Bearer {Realm}, {AllScopes}, {Prm}").ToArray();
        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, expected, null, "An access token is required");
    }

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "expired", "The access token expired" },
        { "audience-trailing-slash", "The access token was not issued for this resource" },
        { "audience-other-resource", "The access token was not issued for this resource" },
        { "issuer-trailing-slash", "The access token was not issued by the expected issuer" },
        { "bad-signature", "The access token signature is invalid" },
        { "unknown-key", "The access token was signed with an unknown key" },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_token_sent_as_bearer_is_401_invalid_token_with_the_fixed_description(string variant, string description)
    {
        await using var host = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var token = variant switch
        {
            "expired" => Token(d => (d.IssuedAt, d.NotBefore, d.ExpiresAt) = (now.AddHours(-2), now.AddHours(-2), now.AddMinutes(-5))),
            "audience-trailing-slash" => Token(d => d.Audiences = [EndToEndHost.Resource + "/"]),
            "audience-other-resource" => _authority.MintAccessToken("http://other.example/mcp"),
            "issuer-trailing-slash" => Token(d => d.Claims["iss"] = _authority.Issuer + "/"),
            "bad-signature" => Token(d => d.Signature = new byte[64]),
            "unknown-key" => Token(d => d.SigningKey = _authority.CreateUnpublishedKey()),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        using var bearer = await host.PostAsync("Bearer " + token);

        await AssertUnauthorizedAsync(bearer, "Bearer", InvalidToken, description);
    }

    [Fact]
    public async Task Expired_token_sent_with_the_dpop_scheme_is_challenged_in_dpop()
    {
        await using var host = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d =>
        {
            (d.IssuedAt, d.NotBefore, d.ExpiresAt) = (now.AddHours(-2), now.AddHours(-2), now.AddMinutes(-5));
            d.ConfirmationThumbprint = _key.Thumbprint;
        });

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, Proof(token).Build());

        await AssertUnauthorizedAsync(response, "DPoP", InvalidToken, "The access token expired");
    }

    [Fact]
    public async Task Bound_token_sent_as_bearer_is_refused()
    {
        await using var host = await StartAsync();
        var token = BoundToken(_key);

        using var response = await host.PostAsync("Bearer " + token);

        await AssertUnauthorizedAsync(response, "Bearer", InvalidToken, "A DPoP-bound access token must be sent with the DPoP scheme");
    }

    [Fact]
    public async Task Bound_token_without_a_proof_is_refused()
    {
        await using var host = await StartAsync();
        var token = BoundToken(_key);

        using var response = await host.PostAsync("DPoP " + token);

        await AssertUnauthorizedAsync(response, "DPoP", InvalidToken, "A DPoP-bound access token requires a DPoP proof");
    }

    [Fact]
    public async Task Proof_by_another_key_than_cnf_jkt_is_refused()
    {
        await using var host = await StartAsync();
        using var other = DPoPKey.Create();
        var token = BoundToken(_key);

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, Proof(token, other).Build());

        await AssertUnauthorizedAsync(response, "DPoP", InvalidToken, "The DPoP proof key does not match the access token binding");
    }

    [Fact]
    public async Task Required_mode_refuses_an_unbound_token_with_a_dpop_challenge()
    {
        await using var host = await StartAsync(o => o.DPoP.Mode = DPoPMode.Required);

        using var response = await host.PostAsync("Bearer " + Token());

        await AssertUnauthorizedAsync(response, "DPoP", InvalidToken, "This resource requires a DPoP-bound access token");
    }

    [Fact]
    public async Task Disabled_mode_refuses_a_bound_token_with_a_bearer_challenge()
    {
        await using var host = await StartAsync(o => o.DPoP.Mode = DPoPMode.Disabled);

        using var response = await host.PostAsync("Bearer " + BoundToken(_key));

        await AssertUnauthorizedAsync(response, "Bearer", InvalidToken, "This resource does not accept DPoP");
    }

    public static TheoryData<string, string> InvalidProofs => new()
    {
        { "wrong-htm", "DPoP proof htm does not match the request method" },
        { "wrong-htu", "DPoP proof htu does not match the request URL (a proxy that rewrites the path breaks DPoP)" },
        { "stale-iat", "The DPoP proof is too old" },
        { "future-iat", "The DPoP proof was issued in the future" },
        { "wrong-ath", "DPoP proof ath does not match the access token" },
        { "bad-signature", "The DPoP proof signature is invalid" },
    };

    [Theory]
    [MemberData(nameof(InvalidProofs))]
    public async Task Invalid_proof_is_401_invalid_dpop_proof(string variant, string description)
    {
        await using var host = await StartAsync();
        var token = BoundToken(_key);
        var now = DateTimeOffset.UtcNow;
        var proof = Proof(token);
        _ = variant switch
        {
            "wrong-htm" => proof.WithMethod("GET"),
            "wrong-htu" => proof.WithUrl("http://localhost/other"),
            "stale-iat" => proof.WithIssuedAt(now.AddMinutes(-10)),
            "future-iat" => proof.WithIssuedAt(now.AddMinutes(2)),
            "wrong-ath" => proof.WithAccessToken(Token()),
            "bad-signature" => proof.WithCorruptSignature(),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, proof.Build());

        await AssertUnauthorizedAsync(response, "DPoP", InvalidProof, description);
    }

    [Fact]
    public async Task Replayed_proof_is_refused_after_one_success()
    {
        await using var host = await StartAsync();
        var token = BoundToken(_key);
        var proof = Proof(token).Build();

        using var first = await host.PostAsync("DPoP " + token, Rpc.ListTools, proof);
        using var replay = await host.PostAsync("DPoP " + token, Rpc.ListTools, proof);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertUnauthorizedAsync(replay, "DPoP", InvalidProof, "DPoP proof jti already used");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_dpop_proofs_are_refused_as_two_headers_or_comma_joined(bool commaJoined)
    {
        await using var host = await StartAsync();
        var token = BoundToken(_key);
        string[] proofs = [Proof(token).Build(), Proof(token).Build()];

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, commaJoined ? [string.Join(", ", proofs)] : proofs);

        await AssertUnauthorizedAsync(response, "DPoP", InvalidProof, "Exactly one DPoP proof is allowed");
    }

    [Fact]
    public async Task Proof_with_an_unbound_token_is_refused()
    {
        await using var host = await StartAsync();
        var token = Token();

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, Proof(token).Build());

        await AssertUnauthorizedAsync(response, "DPoP", InvalidProof, "A DPoP proof was sent with an access token that is not DPoP-bound");
    }

    [Fact]
    public async Task Missing_nonce_is_use_dpop_nonce_with_a_dpop_nonce_header_that_then_works()
    {
        await using var host = await StartAsync(o =>
        {
            o.DPoP.RequireNonce = true;
            o.DPoP.NonceKey = NonceKey;
        });
        var token = BoundToken(_key);

        using var challenge = await host.PostAsync("DPoP " + token, Rpc.ListTools, Proof(token).Build());
        var nonce = Assert.Single(challenge.Headers.GetValues("DPoP-Nonce"));
        using var retry = await host.PostAsync("DPoP " + token, Rpc.ListTools, Proof(token).WithNonce(nonce).Build());

        await AssertUnauthorizedAsync(challenge, "DPoP", "use_dpop_nonce", "A fresh DPoP nonce is required");
        Assert.False(string.IsNullOrWhiteSpace(nonce));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Missing_scope_is_403_insufficient_scope_with_granted_union_required()
    {
        await using var host = await StartAsync();
        var token = Token(d => d.Scopes = ["calendar:read", "profile"]);

        using var response = await host.PostAsync("Bearer " + token, Rpc.CallTool("write_calendar"));

        await AssertRejectedAsync(
            response,
            HttpStatusCode.Forbidden,
            [$"Bearer {Realm}, error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\", scope=\"calendar:read profile calendar:write\", {Prm}"],
            "insufficient_scope",
            "The access token lacks a scope this request requires");
    }
}
