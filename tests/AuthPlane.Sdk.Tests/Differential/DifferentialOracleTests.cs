using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Tests.Fuzzing;
using AuthPlane.Sdk.Tests.Jose;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Tokens;
using Xunit;
using Xunit.Abstractions;

namespace AuthPlane.Sdk.Tests.Differential;

/// <summary>
/// The differential oracle of issue 9: for generated valid and mutated tokens, whatever the SDK accepts,
/// <c>JsonWebTokenHandler</c> and <c>JwtSecurityTokenHandler</c> (configured the same way) accept too; and wherever the
/// SDK is stricter, its rejection reason is on the documented list in README.md ("Stricter than IdentityModel").
/// </summary>
public sealed class DifferentialOracleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MutatedTokens = 3_000;

    private AuthorityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthorityHarness.StartAsync(systemClock: true);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private TestAuthority Authority => _harness.Authority;

    private string Kid => Authority.ActiveKey.KeyId;

    private long Now => _harness.Time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Everything_the_sdk_accepts_identitymodel_accepts_and_every_stricter_rule_is_documented()
    {
        var documented = StricterThanIdentityModelList.Load();
        var oracle = new IdentityModelOracle(
            Authority.ActiveKey.PublicJwk().ToJsonString(), Authority.Issuer, AuthorityHarness.Resource, new AuthPlaneOptions().ClockSkew, new AuthPlaneOptions().AllowedAlgorithms);
        var cases = GeneratedCases();
        var mutator = new Mutator(FuzzSettings.Seed);
        var seeds = cases.Where(c => c.Name.StartsWith("valid", StringComparison.Ordinal)).Select(c => c.Token).ToList();
        for (var i = 0; i < MutatedTokens; i++)
        {
            cases.Add(new TokenCase($"mutant {i}", mutator.MutateCompact(seeds)));
        }

        var failures = new List<string>();
        var observed = new HashSet<RejectionReason>();
        var accepted = 0;
        foreach (var (name, token) in cases)
        {
            var ours = await _harness.VerifyAsync(token);
            var json = await oracle.JsonWebTokenHandlerAcceptsAsync(token);
            var jwt = oracle.JwtSecurityTokenHandlerAccepts(token);
            if (ours.Succeeded)
            {
                accepted++;
                if (!json || !jwt)
                {
                    failures.Add($"{name}: the SDK accepts but JsonWebTokenHandler={json}, JwtSecurityTokenHandler={jwt}");
                }
            }
            else if (json || jwt)
            {
                observed.Add(ours.Reason);
                output.WriteLine($"stricter: {name} -> {ours.Reason} (JsonWebTokenHandler={json}, JwtSecurityTokenHandler={jwt}) {(token.Length > 120 ? "…" + token[^120..] : token)}");
                if (!documented.Contains(ours.Reason))
                {
                    failures.Add($"{name}: the SDK rejects with {ours.Reason}, which README.md does not list as stricter than IdentityModel");
                }
            }
        }

        output.WriteLine($"{cases.Count} tokens, {accepted} accepted by the SDK, stricter reasons: {string.Join(", ", observed.Order())}");
        Assert.True(accepted >= 5, "the generated valid tokens must verify");
        Assert.Empty(failures);
        Assert.Empty(documented.Except(observed)); // every documented rule is still a real difference
    }

    private List<TokenCase> GeneratedCases()
    {
        var header = $$"""{"typ":"at+jwt","alg":"ES256","kid":"{{Kid}}"}""";
        var payload = Payload();
        var valid = _harness.Mint();
        var parts = valid.Split('.');
        return
        [
            new("valid", valid),
            new("valid with scopes", _harness.Mint(d => d.Scopes = ["calendar:read", "calendar:write"])),
            new("valid with two audiences", _harness.Mint(d => d.Audiences = ["https://other.example.com", AuthorityHarness.Resource])),
            new("valid DPoP-bound", _harness.Mint(d => d.ConfirmationThumbprint = Base64Url.EncodeToString(new byte[32]))),
            new("valid with an actor chain", _harness.Mint(d => d.Actors = [new TokenActor("agent-1", "client-a")])),
            new("valid typ application/at+jwt", _harness.Mint(d => d.Header["typ"] = "application/at+jwt")),
            new("valid fractional exp", _harness.Mint(d => d.Claims["exp"] = Now + 600.5)),
            new("repeated claim", Authority.SignCompact(header, payload[..^1] + ""","sub":"other"}""")),
            new("repeated header member", Authority.SignCompact(header[..^1] + ""","typ":"at+jwt"}""", payload)),
            new("no kid", _harness.Mint(d => d.Header["kid"] = null)),
            new("no sub", _harness.Mint(d => d.Claims["sub"] = null)),
            new("no client_id", _harness.Mint(d => d.Claims["client_id"] = null)),
            new("no jti", _harness.Mint(d => d.Claims["jti"] = null)),
            new("no iat", _harness.Mint(d => d.Claims["iat"] = null)),
            new("no exp", _harness.Mint(d => d.Claims["exp"] = null)),
            new("no iss", _harness.Mint(d => d.Claims["iss"] = null)),
            new("no aud", _harness.Mint(d => d.Claims["aud"] = null)),
            new("jku header", _harness.Mint(d => d.Header["jku"] = "https://attacker.example/jwks")),
            new("x5u header", _harness.Mint(d => d.Header["x5u"] = "https://attacker.example/cert")),
            new("crit header", _harness.Mint(d => d.Header["crit"] = new JsonArray("exp"))),
            new("cty JWT", _harness.Mint(d => d.Header["cty"] = "JWT")),
            new("iat an hour ahead", _harness.Mint(d => d.Claims["iat"] = Now + 3600)),
            new("iat negative", _harness.Mint(d => d.Claims["iat"] = -5)),
            new("sub a number", _harness.Mint(d => d.Claims["sub"] = 42)),
            new("empty sub", _harness.Mint(d => d.Claims["sub"] = string.Empty)),
            new("scope an array", _harness.Mint(d => d.Claims["scope"] = new JsonArray("a", "b"))),
            new("agent_chain a string", _harness.Mint(d => d.Claims["agent_chain"] = "agent-1")),
            new("act without sub", _harness.Mint(d => d.Claims["act"] = new JsonObject { ["client_id"] = "c" })),
            new("aud array with a number", _harness.Mint(d => d.Claims["aud"] = new JsonArray(AuthorityHarness.Resource, 7))),
            new("cnf without jkt", _harness.Mint(d => d.Claims["cnf"] = new JsonObject { ["x5t#S256"] = "abc" })),
            new("aud with a trailing slash", _harness.Mint(d => d.Audiences = [AuthorityHarness.Resource + "/"])),
            new("iss with a trailing slash", _harness.Mint(d => d.Claims["iss"] = Authority.Issuer + "/")),
            new("typ AT+JWT", _harness.Mint(d => d.Header["typ"] = "AT+JWT")),
            new("typ JWT", _harness.Mint(d => d.Header["typ"] = "JWT")),
            new("no typ", _harness.Mint(d => d.Header["typ"] = null)),
            new("alg none", _harness.Mint(d => { d.Header["alg"] = "none"; d.Signature = []; })),
            new("expired", _harness.Mint(d => { d.IssuedAt = DateTimeOffset.UtcNow.AddHours(-2); d.NotBefore = null; d.ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1); })),
            new("not yet valid", _harness.Mint(d => d.NotBefore = DateTimeOffset.UtcNow.AddHours(1))),
            new("exp a string", _harness.Mint(d => d.Claims["exp"] = (Now + 600).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new("signature with a trailing bit set", string.Join('.', parts[0], parts[1], RawJws.WithTrailingBitSet(parts[2]))),
            new("signature padded with ==", string.Join('.', parts[0], parts[1], parts[2] + "==")),
            new("header padded with =", string.Join('.', parts[0] + (parts[0].Length % 4 == 2 ? "==" : "="), parts[1], parts[2])),
            new("signature in the standard base64 alphabet", string.Join('.', parts[0], parts[1], parts[2].Replace('-', '+').Replace('_', '/'))),
            new("payload with a trailing bit set", string.Join('.', parts[0], RawJws.WithTrailingBitSet(parts[1]), parts[2])),
            new("invalid UTF-8 in a claim", RawJws.Compact(Encoding.UTF8.GetBytes(header), RawJws.WithInvalidUtf8(Payload(sub: "u@@")), Authority.ActiveKey.Sign)),
            new("escaped lone surrogate in a claim", Authority.SignCompact(header, Payload(sub: "\\ud800"))),
            new("signature of another key", _harness.Mint(d => d.SigningKey = Authority.CreateUnpublishedKey())),
        ];
    }

    private string Payload(string sub = "user-1") =>
        $$"""{"iss":"{{Authority.Issuer}}","aud":"{{AuthorityHarness.Resource}}","sub":"{{sub}}","client_id":"c","jti":"j","iat":{{Now}},"exp":{{Now + 600}}}""";

    private readonly record struct TokenCase(string Name, string Token);
}
