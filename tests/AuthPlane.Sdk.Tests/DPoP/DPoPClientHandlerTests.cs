using System.Net;
using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Testing.DPoP;
using AuthPlane.Sdk.Tests.Verification;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static AuthPlane.Sdk.Tests.DPoP.DPoPTestSupport;

namespace AuthPlane.Sdk.Tests.DPoP;

/// <summary>
/// The test client handler against the real request verifier (nonces required): the terminal handler below
/// plays the resource server and answers 401 <c>use_dpop_nonce</c> or 200, as DESIGN §4.4 describes.
/// </summary>
public sealed class DPoPClientHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = Clock();
    private readonly DPoPKey _key = DPoPKey.Create("ES256");
    private readonly DPoPProofValidator _validator;
    private readonly VerifyingServer _server;

    public DPoPClientHandlerTests()
    {
        var options = Options(o =>
        {
            o.RequireNonce = true;
            o.NonceKey = NonceKey;
        });
        _validator = Validator(_time, options);
        _server = new VerifyingServer(new AuthPlaneRequestVerifier(
            Verification.AccessTokenVerifierSubstitute.Returning(Sdk.Tokens.AccessTokenResult.Success(Token(jkt: _key.Thumbprint))),
            _validator,
            Microsoft.Extensions.Options.Options.Create(options)));
    }

    public void Dispose()
    {
        _key.Dispose();
        _validator.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task The_handler_answers_a_nonce_challenge_once_and_reuses_the_nonce_afterwards()
    {
        using var client = new HttpClient(new DPoPClientHandler(_key, AccessToken, _time) { InnerHandler = _server });

        using var first = await client.PostAsync(new Uri("https://mcp.example.com/mcp?session=1"), new StringContent("{}"));
        using var second = await client.PostAsync(new Uri("https://mcp.example.com/mcp"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([RejectionReason.DPoPNonceRequired, RejectionReason.None, RejectionReason.None], _server.Outcomes);
    }

    /// <summary>A terminal handler that verifies each request with the SDK and answers like the ASP.NET Core integration.</summary>
    private sealed class VerifyingServer(AuthPlaneRequestVerifier verifier) : HttpMessageHandler
    {
        public List<RejectionReason> Outcomes { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.Authorization is { } a ? $"{a.Scheme} {a.Parameter}" : null;
            var proofs = request.Headers.TryGetValues("DPoP", out var values) ? new StringValues(values.ToArray()) : StringValues.Empty;
            var result = await verifier.VerifyAsync(
                new ResourceRequest(request.Method.Method, string.Empty, request.RequestUri!.AbsolutePath, authorization, proofs), cancellationToken);
            Outcomes.Add(result.Reason);
            var response = new HttpResponseMessage(result.Status == RequestVerificationStatus.Authenticated ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
            if (result.Reason != RejectionReason.None)
            {
                response.Headers.WwwAuthenticate.ParseAdd($"DPoP error=\"{result.Reason.ErrorCode()}\"");
            }

            if (result.DPoPNonce is not null)
            {
                response.Headers.Add("DPoP-Nonce", result.DPoPNonce);
            }

            return response;
        }
    }
}
