using System.Net;
using AuthPlane.Sdk.Testing;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Introspection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AuthPlane.Sdk.Tests.EndToEnd;

/// <summary>
/// The operator's view of a rejection through the real pipeline: the client id (marked unverified when the token
/// did not verify) and, at Debug, the exact expected and actual values of the failed rule — never token text.
/// </summary>
public sealed class RejectionDiagnosticsEndToEndTests(AuthorityFixture fixture) : IClassFixture<AuthorityFixture>, IDisposable
{
    private readonly TestAuthority _authority = fixture.Authority;
    private readonly DPoPKey _key = DPoPKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task Wrong_audience_logs_the_unverified_client_and_the_expected_and_actual_aud_never_the_token()
    {
        using var logs = new CapturingLoggerProvider();
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, logs: logs);
        var token = _authority.MintAccessToken("http://other.example/mcp", d => d.ClientId = "inspector-7");

        using var response = await host.PostAsync("Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "AuthPlane rejected the request credentials: AudienceMismatch (invalid_token), scheme Bearer, client inspector-7 (unverified)",
            Assert.Single(logs.WithEventId(5001)).Message);
        var detail = Assert.Single(logs.WithEventId(5003));
        Assert.Equal(LogLevel.Debug, detail.Level);
        Assert.Equal("AuthPlane rejection detail for AudienceMismatch: aud expected http://localhost/mcp, actual http://other.example/mcp", detail.Message);
        AssertNoTokenText(logs, token);
    }

    [Fact]
    public async Task Proof_for_the_url_before_a_path_rewriting_proxy_logs_the_expected_and_actual_htu_never_the_proof()
    {
        using var logs = new CapturingLoggerProvider();
        await using var host = await EndToEndHost.StartAsync(_authority.Issuer, logs: logs);
        var token = _authority.MintAccessToken(EndToEndHost.Resource, d => d.ConfirmationThumbprint = _key.Thumbprint);
        var proof = new DPoPProofBuilder(_key, "POST", "http://localhost/public/api/mcp").WithAccessToken(token).Build();

        using var response = await host.PostAsync("DPoP " + token, Rpc.ListTools, proof);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "AuthPlane rejected the request credentials: DPoPUrlMismatch (invalid_dpop_proof), scheme DPoP, client test-client",
            Assert.Single(logs.WithEventId(5001)).Message);
        Assert.Equal(
            "AuthPlane rejection detail for DPoPUrlMismatch: htu expected http://localhost/mcp, actual http://localhost/public/api/mcp",
            Assert.Single(logs.WithEventId(5003)).Message);
        AssertNoTokenText(logs, token);
        AssertNoTokenText(logs, proof);
    }

    private static void AssertNoTokenText(CapturingLoggerProvider logs, string compact)
    {
        foreach (var segment in compact.Split('.').Where(s => s.Length >= 16))
        {
            Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(segment[..16], StringComparison.Ordinal));
        }
    }
}
