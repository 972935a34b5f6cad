using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Diagnostics;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Http;

namespace AuthPlane.Sdk.AspNetCore.TokenExchange;

/// <summary>
/// Exchanges the token of the caller of the current HTTP request through the cached OAuth client. Each exchange that
/// reaches AuthPlane (not a cache hit) is a span of <see cref="AuthPlaneDiagnostics.ActivitySource"/> and is counted
/// by result: <c>success</c>, <c>consent_required</c> or <c>failure</c>.
/// </summary>
internal sealed class AuthPlaneTokenExchange(
    IHttpContextAccessor httpContextAccessor,
    IAuthPlaneOAuthClient client,
    ExchangedTokenCache cache,
    AuthPlaneMetrics metrics) : IAuthPlaneTokenExchange
{
    public Task<TokenResponse> ExchangeAsync(string resource, IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var callerToken = httpContextAccessor.HttpContext?.User.GetAuthPlaneToken()
            ?? throw new InvalidOperationException(
                "Token exchange needs the current caller's AuthPlane access token, but the current request has none. " +
                "Call ExchangeAsync only while handling a request authenticated by AuthPlane (for example inside an MCP tool of a server set up with AddAuthPlane).");

        var request = new TokenExchangeRequest
        {
            SubjectToken = callerToken.RawToken,
            SubjectTokenType = TokenTypeUris.AccessToken,
            Resources = [resource],
            Scopes = scopes is null ? [] : [.. scopes],
        };
        return cache.GetOrExchangeAsync(request, (r, ct) => ExchangeObservedAsync(r, callerToken.ClientId, ct), cancellationToken);
    }

    private async Task<TokenResponse> ExchangeObservedAsync(TokenExchangeRequest request, string clientId, CancellationToken cancellationToken)
    {
        using var activity = AuthPlaneDiagnostics.ActivitySource.StartActivity("AuthPlane token exchange");
        activity?.SetTag(AuthPlaneTelemetryTags.ClientId, clientId);
        activity?.SetTag("authplane.resource", request.Resources[0]);
        try
        {
            var response = await client.ExchangeTokenAsync(request, cancellationToken).ConfigureAwait(false);
            Record(AuthPlaneTelemetryTags.ResultSuccess);
            return response;
        }
        catch (AuthPlaneConsentRequiredException)
        {
            Record(AuthPlaneTelemetryTags.ResultConsentRequired);
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Record(AuthPlaneTelemetryTags.ResultFailure);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }

        void Record(string result)
        {
            metrics.RecordTokenExchange(result);
            activity?.SetTag(AuthPlaneTelemetryTags.Result, result);
        }
    }
}
