using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace AuthPlane.Sdk.Testing.DPoP;

/// <summary>
/// An <see cref="HttpClient"/> handler for tests that sends a DPoP-bound access token the way a DPoP client
/// does: <c>Authorization: DPoP &lt;token&gt;</c> plus a fresh proof per request (RFC 9449 §7.1), the last
/// <c>DPoP-Nonce</c> of each origin in the proof, and one retry when the server answers <c>use_dpop_nonce</c>.
/// </summary>
/// <remarks>The retry sends the same request again, so its content must be re-readable (string, byte-array or JSON content).</remarks>
public sealed class DPoPClientHandler : DelegatingHandler
{
    private readonly DPoPKey _key;
    private readonly TimeProvider? _time;
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.Ordinal);

    /// <summary>Creates the handler for <paramref name="accessToken"/> bound to <paramref name="key"/>; set <see cref="DelegatingHandler.InnerHandler"/> or use it in an <c>HttpClient</c> pipeline.</summary>
    public DPoPClientHandler(DPoPKey key, string accessToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        _key = key;
        _time = time;
        AccessToken = accessToken;
    }

    /// <summary>The access token sent; may be replaced (for example after a step-up).</summary>
    public string AccessToken { get; set; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var origin = uri.GetLeftPart(UriPartial.Authority);
        AddCredentials(request, uri, _nonces.GetValueOrDefault(origin));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var nonce = Remember(origin, response);
        if (response.StatusCode != HttpStatusCode.Unauthorized || nonce is null || !AsksForNonce(response))
        {
            return response;
        }

        response.Dispose();
        AddCredentials(request, uri, nonce);
        response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Remember(origin, response);
        return response;
    }

    private void AddCredentials(HttpRequestMessage request, Uri uri, string? nonce)
    {
        var htu = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        var proof = new DPoPProofBuilder(_key, request.Method.Method, htu, _time).WithAccessToken(AccessToken).WithNonce(nonce).Build();
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", AccessToken);
        request.Headers.Remove("DPoP");
        request.Headers.TryAddWithoutValidation("DPoP", proof);
    }

    private string? Remember(string origin, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("DPoP-Nonce", out var values) && values.FirstOrDefault() is { Length: > 0 } nonce)
        {
            _nonces[origin] = nonce;
            return nonce;
        }

        return null;
    }

    private static bool AsksForNonce(HttpResponseMessage response)
        => response.Headers.WwwAuthenticate.Any(challenge =>
            string.Equals(challenge.Scheme, "DPoP", StringComparison.OrdinalIgnoreCase)
            && challenge.Parameter?.Contains("error=\"use_dpop_nonce\"", StringComparison.Ordinal) == true);
}
