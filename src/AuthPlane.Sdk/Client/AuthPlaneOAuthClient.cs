using System.Net.Http.Headers;
using AuthPlane.Sdk.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// The outbound OAuth client: RFC 8693 token exchange, RFC 6749 §4.4 client credentials, RFC 7662 introspection
/// and RFC 7009 revocation against the endpoints of the authority's metadata, with optional outbound DPoP.
/// </summary>
internal sealed class AuthPlaneOAuthClient : IAuthPlaneOAuthClient
{
    /// <summary>The name of the <see cref="HttpClient"/> (and its resilience pipeline) the client sends with.</summary>
    public const string HttpClientName = "AuthPlane.OAuthClient";

    private const string TokenExchangeGrantType = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string DPoPNonceHeader = "DPoP-Nonce";
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IAuthorityMetadataProvider _metadataProvider;
    private readonly AuthPlaneOptions _options;
    private readonly AuthPlaneClientOptions _clientOptions;
    private readonly TimeProvider _timeProvider;
    private readonly DPoPProofProvider? _dpop;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClientFactory">Supplies the <see cref="HttpClientName"/> client.</param>
    /// <param name="metadataProvider">Supplies the authority's endpoints.</param>
    /// <param name="options">Client id, secret and dev mode.</param>
    /// <param name="clientOptions">Client settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="dpop">The DPoP proof provider; used only when <see cref="AuthPlaneClientOptions.UseDPoP"/> is on.</param>
    /// <param name="logger">The logger.</param>
    public AuthPlaneOAuthClient(
        IHttpClientFactory httpClientFactory,
        IAuthorityMetadataProvider metadataProvider,
        IOptions<AuthPlaneOptions> options,
        IOptions<AuthPlaneClientOptions> clientOptions,
        TimeProvider timeProvider,
        DPoPProofProvider dpop,
        ILogger<AuthPlaneOAuthClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(dpop);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _metadataProvider = metadataProvider;
        _options = options.Value;
        _clientOptions = clientOptions.Value;
        _timeProvider = timeProvider;
        _dpop = _clientOptions.UseDPoP ? dpop : null;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<TokenResponse> ExchangeTokenAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.SubjectToken))
        {
            throw new ArgumentException("subject_token is required for a token exchange (RFC 8693 §2.1).", nameof(request));
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", TokenExchangeGrantType),
            new("subject_token", request.SubjectToken),
            new("subject_token_type", string.IsNullOrEmpty(request.SubjectTokenType) ? TokenTypeUris.AccessToken : request.SubjectTokenType),
        };
        if (!string.IsNullOrEmpty(request.ActorToken))
        {
            form.Add(new("actor_token", request.ActorToken));
            form.Add(new("actor_token_type", string.IsNullOrEmpty(request.ActorTokenType) ? TokenTypeUris.AccessToken : request.ActorTokenType));
        }

        AddEach(form, "resource", request.Resources);
        AddEach(form, "audience", request.Audiences);
        AddScope(form, request.Scopes);
        if (!string.IsNullOrEmpty(request.RequestedTokenType))
        {
            form.Add(new("requested_token_type", request.RequestedTokenType));
        }

        return await RequestTokenAsync(form, requireIssuedTokenType: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TokenResponse> RequestClientCredentialsTokenAsync(IEnumerable<string>? scopes = null, IEnumerable<string>? resources = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        AddEach(form, "resource", resources);
        AddScope(form, scopes);
        return await RequestTokenAsync(form, requireIssuedTokenType: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IntrospectionResponse> IntrospectAsync(string token, string? tokenTypeHint = "access_token", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var metadata = await _metadataProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = EndpointGuard.Require(metadata.IntrospectionEndpoint, "introspection_endpoint", _options.DevMode);
        var answer = await PostFormAsync(endpoint, TokenForm(token, tokenTypeHint), sendDPoP: false, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSuccess(endpoint, answer);
        return IntrospectionResponseParser.Parse(answer.Body);
    }

    /// <inheritdoc />
    public async Task RevokeAsync(string token, string? tokenTypeHint = "access_token", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var metadata = await _metadataProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = EndpointGuard.Require(metadata.RevocationEndpoint, "revocation_endpoint", _options.DevMode);
        var answer = await PostFormAsync(endpoint, TokenForm(token, tokenTypeHint), sendDPoP: false, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSuccess(endpoint, answer);
    }

    private async Task<TokenResponse> RequestTokenAsync(List<KeyValuePair<string, string>> form, bool requireIssuedTokenType, CancellationToken cancellationToken)
    {
        var metadata = await _metadataProvider.GetAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = EndpointGuard.Require(metadata.TokenEndpoint, "token_endpoint", _options.DevMode);
        var answer = await PostFormAsync(endpoint, form, sendDPoP: _dpop is not null, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSuccess(endpoint, answer);
        return TokenResponseParser.Parse(answer.Body, requireIssuedTokenType, requireDPoP: _dpop is not null, _clientOptions.DefaultTokenLifetime, _timeProvider.GetUtcNow());
    }

    private void ThrowUnlessSuccess(Uri endpoint, AuthorityAnswer answer)
    {
        if (answer.StatusCode is >= 200 and < 300)
        {
            return;
        }

        var exception = OAuthErrorResponse.ToException(answer.StatusCode, answer.Body);
        switch (exception)
        {
            case AuthPlaneConsentRequiredException consent:
                OAuthClientLog.ConsentRequired(_logger, consent.Error, consent.Cause, endpoint);
                break;
            case AuthPlaneServerException:
                OAuthClientLog.Failed(_logger, endpoint, exception.Error, exception.StatusCode, null);
                break;
            default:
                OAuthClientLog.Refused(_logger, endpoint, exception.Error, exception.StatusCode);
                break;
        }

        throw exception;
    }

    private async Task<AuthorityAnswer> PostFormAsync(Uri endpoint, List<KeyValuePair<string, string>> form, bool sendDPoP, CancellationToken cancellationToken)
    {
        var httpClient = _httpClientFactory.CreateClient(HttpClientName);
        using var deadline = new CancellationTokenSource(_clientOptions.TotalTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var answer = await SendOnceAsync(httpClient, endpoint, form, sendDPoP, linked.Token).ConfigureAwait(false);

            // RFC 9449 §8: answer a nonce challenge once, with the nonce just received; never loop.
            if (sendDPoP && answer.IsDPoPNonceChallenge)
            {
                OAuthClientLog.RetryingWithDPoPNonce(_logger, endpoint);
                answer = await SendOnceAsync(httpClient, endpoint, form, sendDPoP, linked.Token).ConfigureAwait(false);
            }

            return answer;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException)
        {
            var reason = ex switch
            {
                BrokenCircuitException => "the circuit to the authority is open after repeated failures",
                HttpRequestException => "the authority could not be reached",
                _ => "the authority did not answer in time",
            };
            OAuthClientLog.Failed(_logger, endpoint, OAuthErrorCodes.TemporarilyUnavailable, null, ex);
            throw new AuthPlaneServerException($"The call to {endpoint} failed: {reason}.", ex);
        }
    }

    private async Task<AuthorityAnswer> SendOnceAsync(HttpClient httpClient, Uri endpoint, List<KeyValuePair<string, string>> form, bool sendDPoP, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(JsonMediaType);
        if (!string.IsNullOrEmpty(_options.ClientId))
        {
            request.Headers.Authorization = ClientSecretBasic.Create(_options.ClientId, _options.ClientSecret ?? string.Empty);
        }

        if (sendDPoP)
        {
            request.Headers.TryAddWithoutValidation("DPoP", _dpop!.CreateProof(HttpMethod.Post.Method, endpoint));
        }

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        // HttpHeaders lookups are case-insensitive, so "Dpop-Nonce" is found as well (RFC 9110 §5.1).
        string? nonce = null;
        if (response.Headers.TryGetValues(DPoPNonceHeader, out var nonces))
        {
            nonce = nonces.FirstOrDefault();
            if (_dpop is not null && !string.IsNullOrEmpty(nonce))
            {
                _dpop.RememberNonce(endpoint, nonce);
            }
        }

        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var statusCode = (int)response.StatusCode;
        var isNonceChallenge = statusCode is 400 or 401 && !string.IsNullOrEmpty(nonce) && IsUseDPoPNonce(response, body);
        return new AuthorityAnswer(statusCode, body, isNonceChallenge);
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _clientOptions.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new AuthPlaneProtocolException($"The authority's answer is larger than {limit} bytes.", (int)response.StatusCode);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new AuthPlaneProtocolException($"The authority's answer is larger than {limit} bytes.", (int)response.StatusCode);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static bool IsUseDPoPNonce(HttpResponseMessage response, byte[] body)
    {
        using var document = JsonBodies.TryParseObject(body);
        if (document is not null && JsonBodies.GetString(document.RootElement, "error") == OAuthErrorCodes.UseDPoPNonce)
        {
            return true;
        }

        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (challenge.Parameter?.Contains("error=\"use_dpop_nonce\"", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    private static List<KeyValuePair<string, string>> TokenForm(string token, string? tokenTypeHint)
    {
        var form = new List<KeyValuePair<string, string>> { new("token", token) };
        if (!string.IsNullOrEmpty(tokenTypeHint))
        {
            form.Add(new("token_type_hint", tokenTypeHint));
        }

        return form;
    }

    private static void AddEach(List<KeyValuePair<string, string>> form, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                form.Add(new(name, value));
            }
        }
    }

    private static void AddScope(List<KeyValuePair<string, string>> form, IEnumerable<string>? scopes)
    {
        if (scopes is null)
        {
            return;
        }

        var scope = string.Join(' ', scopes.Where(s => !string.IsNullOrEmpty(s)));
        if (scope.Length > 0)
        {
            form.Add(new("scope", scope));
        }
    }

    private readonly record struct AuthorityAnswer(int StatusCode, byte[] Body, bool IsDPoPNonceChallenge);
}
