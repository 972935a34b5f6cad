using System.ComponentModel;
using System.Net.Http.Headers;
using AuthPlane.Sample.McpServer.Upstream;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.AspNetCore.TokenExchange;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>
/// Calls an upstream API on the caller's behalf: the caller's token is exchanged at AuthPlane (RFC 8693) for a token
/// of the upstream's broker resource, and only that exchanged token goes upstream. Until the user has consented, the
/// exchange throws <c>AuthPlaneConsentRequiredException</c>; it is left to escape so the SDK answers JSON-RPC -32042 with the
/// consent URL.
/// </summary>
[McpServerToolType]
public sealed class UpstreamCalendarTools(
    IAuthPlaneTokenExchange tokenExchange,
    IHttpClientFactory httpClientFactory,
    IOptions<UpstreamApiOptions> upstreamOptions)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for the upstream API.</summary>
    public const string HttpClientName = "upstream-api";

    /// <summary>Fetches the caller's agenda from the upstream API.</summary>
    [McpServerTool(Name = "upstream_agenda", ReadOnly = true), RequireScope(SampleScopes.CalendarRead)]
    [Description("Fetches the caller's agenda from the upstream calendar API through AuthPlane token exchange. Needs calendar:read. "
        + "The first call may answer with a consent URL (-32042) to open in a browser; call again after granting.")]
    public async Task<string> UpstreamAgendaAsync(CancellationToken cancellationToken)
    {
        var upstream = upstreamOptions.Value;
        var exchanged = await tokenExchange.ExchangeAsync(upstream.Resource!, upstream.Scopes, cancellationToken).ConfigureAwait(false);
        if (exchanged.IsDPoP)
        {
            throw new McpException("AuthPlane issued a DPoP-bound upstream token; this sample only sends Bearer tokens upstream.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, upstream.AgendaUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", exchanged.AccessToken);
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new McpException($"The upstream API answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
