using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Keys;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Testing;
using AuthPlane.Sdk.Tokens;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Primitives;
using Xunit;
using Xunit.Abstractions;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;

namespace AuthPlane.Sdk.Tests.Fuzzing;

/// <summary>
/// The seeded mutation fuzzer of issue 9: every attacker-reachable parser of the core SDK (access tokens, DPoP proofs,
/// <c>Authorization</c>/<c>DPoP</c> header values, JWKS and authority documents) gets mutated inputs and must never
/// throw — it returns a rejection, or a valid result only for an input that is exactly one of the valid seeds.
/// Counts and seed: <see cref="FuzzSettings"/>.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int MaxReported = 5;

    [Fact]
    public async Task Access_tokens_never_throw_and_only_the_valid_seeds_verify()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var seeds = TokenSeeds(harness);
        var valid = seeds.ToHashSet(StringComparer.Ordinal);
        var mutator = new Mutator(FuzzSettings.Seed);

        await RunAsync("tokens", async iteration =>
        {
            var input = mutator.MutateCompact(seeds);
            var result = await harness.Verifier.VerifyAsync(input);
            return Judge(input, result.Succeeded, result.Reason, valid);
        });
    }

    [Fact]
    public async Task Dpop_proofs_never_throw_and_only_the_valid_seeds_verify()
    {
        var time = Clock();
        using var validator = Validator(time);
        using var es256 = DPoPKey.Create("ES256");
        using var rs256 = DPoPKey.Create("RS256");
        using var ps256 = DPoPKey.Create("PS256");
        DPoPKey[] keys = [es256, rs256, ps256];
        var seedsByKey = keys.Select(key => ProofSeeds(key, time)).ToArray();
        var valid = seedsByKey.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var mutator = new Mutator(FuzzSettings.Seed);

        await RunAsync("proofs", async iteration =>
        {
            var k = mutator.Random.Next(keys.Length);
            var input = mutator.MutateCompact(seedsByKey[k]);
            var result = await validator.ValidateAsync(Request(input, keys[k].Thumbprint));
            return Judge(input, result.Succeeded, result.Reason, valid);
        });
    }

    [Fact]
    public async Task Authorization_and_dpop_header_values_never_throw()
    {
        await using var harness = await AuthorityHarness.StartAsync();
        var time = Clock();
        using var validator = Validator(time);
        using var key = DPoPKey.Create("ES256");
        var tokens = TokenSeeds(harness);
        var proofs = ProofSeeds(key, time);
        string[] headerSeeds = [.. tokens.Select(t => "Bearer " + t), .. tokens.Select(t => "DPoP " + t), "Basic dXNlcjpwYXNz", "Bearer", "bearer  x", "DPoP a=="];
        var mutator = new Mutator(FuzzSettings.Seed);

        await RunAsync("headers", async iteration =>
        {
            var values = Enumerable.Range(0, mutator.Random.Next(4) == 0 ? 2 : 1).Select(_ => MutateText(mutator, headerSeeds)).ToArray();
            var kind = AuthorizationHeader.Parse(new StringValues(values), out var token);
            if (kind is AuthorizationHeaderKind.Bearer or AuthorizationHeaderKind.DPoP)
            {
                var verified = await harness.Verifier.VerifyAsync(token!);
                if (!verified.Succeeded && verified.Reason == RejectionReason.None)
                {
                    return $"verifier gave neither token nor reason for {Mutator.Describe(token!)}";
                }
            }

            var dpopValues = Enumerable.Range(0, mutator.Random.Next(5) == 0 ? 2 : 1).Select(_ => MutateText(mutator, proofs)).ToArray();
            var proof = await validator.ValidateAsync(new DPoPProofRequest(new StringValues(dpopValues), "POST", Resource, AccessToken, key.Thumbprint));
            return proof.Succeeded || proof.Reason != RejectionReason.None ? null : "validator gave neither success nor reason";
        });
    }

    [Fact]
    public async Task Jwks_documents_never_throw()
    {
        using var es256 = TestSigningKey.Create("ES256", "ec-1");
        using var rs256 = TestSigningKey.Create("RS256", "rsa-1");
        var ecJwk = es256.PublicJwk();
        var withOps = rs256.PublicJwk();
        withOps.Remove("use");
        withOps["key_ops"] = new JsonArray("verify");
        var seeds = new[]
        {
            Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(ecJwk, rs256.PublicJwk()) }.ToJsonString()),
            Encoding.UTF8.GetBytes(new JsonObject { ["keys"] = new JsonArray(withOps) }.ToJsonString()),
        };
        var mutator = new Mutator(FuzzSettings.Seed);

        await RunAsync("jwks", iteration =>
        {
            var input = mutator.MutateJson(seeds);
            JsonWebKeySetParser.TryParse(input, previous: null, out var keys);
            foreach (var key in keys.Values.SelectMany(k => k))
            {
                key.Dispose();
            }

            return Task.FromResult<string?>(null);
        });
    }

    [Fact]
    public async Task Authority_documents_fail_only_with_their_documented_exception()
    {
        const string issuer = "https://auth.example.com";
        var seeds = new[]
        {
            Encoding.UTF8.GetBytes($$"""{"issuer":"{{issuer}}","jwks_uri":"{{issuer}}/jwks","token_endpoint":"{{issuer}}/token","introspection_endpoint":"{{issuer}}/introspect","dpop_signing_alg_values_supported":["ES256","RS256"]}"""),
            """{"access_token":"abc","token_type":"DPoP","expires_in":3600,"scope":"a b","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","cnf":{"jkt":"x"}}"""u8.ToArray(),
            """{"active":true,"scope":"a","client_id":"c","exp":1800000600,"iat":1800000000,"nbf":1800000000,"sub":"u","aud":["https://mcp.example.com/mcp"],"iss":"https://auth.example.com","jti":"j"}"""u8.ToArray(),
        };
        var mutator = new Mutator(FuzzSettings.Seed);

        await RunAsync("documents", iteration =>
        {
            var input = mutator.MutateJson(seeds);
            try
            {
                _ = AuthorizationServerMetadataParser.Parse(input, issuer, devMode: false);
            }
            catch (AuthPlaneAuthorityMetadataException)
            {
                // the documented rejection of a metadata document
            }

            try
            {
                _ = TokenResponseParser.Parse(input, requireIssuedTokenType: false, requireDPoP: false, TimeSpan.FromMinutes(5), Now);
            }
            catch (AuthPlaneProtocolException)
            {
                // the documented rejection of a token response
            }

            try
            {
                _ = IntrospectionResponseParser.Parse(input);
            }
            catch (AuthPlaneProtocolException)
            {
                // the documented rejection of an introspection response
            }

            return Task.FromResult<string?>(null);
        });
    }

    [Fact]
    public void The_ci_run_covers_at_least_100000_inputs()
    {
        Assert.True(FuzzSettings.CiIterations.Values.Sum() >= 100_000);
    }

    // A mutation of a header value: the compact mutations plus separators, spaces and commas.
    private static string MutateText(Mutator mutator, IReadOnlyList<string> seeds)
    {
        var text = mutator.MutateCompact(seeds);
        return mutator.Random.Next(6) switch
        {
            0 => text.Insert(mutator.Random.Next(text.Length + 1), new[] { " ", ",", "  ", "\t", "=", "Bearer " }[mutator.Random.Next(6)]),
            1 => text.ToUpperInvariant(),
            _ => text,
        };
    }

    private static string? Judge(string input, bool succeeded, RejectionReason reason, HashSet<string> valid)
    {
        if (succeeded)
        {
            return valid.Contains(input) ? null : $"a mutant verified: {Mutator.Describe(input)}";
        }

        return reason == RejectionReason.None ? $"neither success nor a reason: {Mutator.Describe(input)}" : null;
    }

    private static List<string> TokenSeeds(AuthorityHarness harness)
    {
        using var dpopKey = DPoPKey.Create("ES256");
        return
        [
            harness.Mint(),
            harness.Mint(d => d.Scopes = ["calendar:read", "calendar:write"]),
            harness.Mint(d => d.ConfirmationThumbprint = dpopKey.Thumbprint),
            harness.Mint(d =>
            {
                d.Actors = [new TokenActor("agent-1", "client-a"), new TokenActor("user-0", null)];
                d.AgentId = "agent-1";
                d.AgentChain = ["agent-1", "agent-0"];
            }),
            harness.Mint(d => d.Audiences = ["https://other.example.com", AuthorityHarness.Resource]),
        ];
    }

    private static List<string> ProofSeeds(DPoPKey key, TimeProvider time) =>
    [
        .. Enumerable.Range(0, 3).Select(i => new DPoPProofBuilder(key, "POST", Resource, time)
            .WithAccessToken(AccessToken)
            .WithJti("seed-" + i.ToString(CultureInfo.InvariantCulture))
            .Build()),
        new DPoPProofBuilder(key, "POST", Resource, time).WithAccessToken(AccessToken).WithExpiry(Now.AddMinutes(1)).WithNonce("n").Build(),
    ];

    // Runs the target's iterations; any exception or wrong answer is collected with the seed and iteration.
    private async Task RunAsync(string target, Func<int, Task<string?>> iteration)
    {
        var count = FuzzSettings.Iterations(target);
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        var ran = 0;
        for (var i = 0; i < count; i++)
        {
            string? failure;
            try
            {
                failure = await iteration(i);
            }
#pragma warning disable CA1031 // the property under test is that nothing throws: every exception is a finding
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = $"{exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n')[0].Trim()}";
            }

            ran++;
            if (failure is not null && failures.Count < MaxReported)
            {
                failures.Add($"seed {FuzzSettings.Seed}, iteration {i}: {failure}");
            }
        }

        output.WriteLine($"{target}: {ran} inputs in {watch.Elapsed.TotalSeconds:F1} s (seed {FuzzSettings.Seed})");
        Assert.Equal(count, ran);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
