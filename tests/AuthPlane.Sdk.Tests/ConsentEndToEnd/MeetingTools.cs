using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net.Http.Headers;
using AuthPlane.Sdk.AspNetCore.TokenExchange;
using AuthPlane.Sdk.Client;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>Where the tools find the upstream API (registered as a singleton service of the MCP server).</summary>
public sealed class MeetingUpstream(Uri baseAddress, HttpClient http)
{
    /// <summary>The broker resource registered at the authority for the upstream API.</summary>
    public const string Resource = "https://www.googleapis.com/calendar";

    /// <summary>Its display name: the consent page is <c>/connect/google-calendar</c>.</summary>
    public const string DisplayName = "google-calendar";

    /// <summary>A resource the authority does not know.</summary>
    public const string UnknownResource = "https://unregistered.example/api";

    /// <summary>The upstream scopes <c>next_meeting</c> asks for.</summary>
    public static readonly string[] ToolScopes = ["calendar.read", "calendar.events"];

    public Uri BaseAddress { get; } = baseAddress;

    public HttpClient Http { get; } = http;

    /// <summary>Every exception the token exchange threw inside a tool (before it escaped to the MCP SDK), in order.</summary>
    public ConcurrentQueue<Exception> ExchangeFailures { get; } = new();
}

/// <summary>Tools that call the upstream API with a token exchanged for the current caller.</summary>
[McpServerToolType]
public sealed class MeetingTools
{
    [McpServerTool(Name = "next_meeting"), Description("The caller's next meeting, read from the upstream calendar API.")]
    public static Task<string> NextMeeting(IAuthPlaneTokenExchange exchange, MeetingUpstream upstream, CancellationToken cancellationToken) =>
        CallUpstreamAsync(exchange, upstream, MeetingUpstream.Resource, cancellationToken);

    [McpServerTool(Name = "next_meeting_unknown_upstream"), Description("Like next_meeting, for a resource the authority does not know.")]
    public static Task<string> NextMeetingUnknownUpstream(IAuthPlaneTokenExchange exchange, MeetingUpstream upstream, CancellationToken cancellationToken) =>
        CallUpstreamAsync(exchange, upstream, MeetingUpstream.UnknownResource, cancellationToken);

    private static async Task<string> CallUpstreamAsync(IAuthPlaneTokenExchange exchange, MeetingUpstream upstream, string resource, CancellationToken cancellationToken)
    {
        // The exchanged token goes upstream, never the caller's own access token (DESIGN §4.5).
        TokenResponse token;
        try
        {
            token = await exchange.ExchangeAsync(resource, MeetingUpstream.ToolScopes, cancellationToken);
        }
        catch (Exception ex)
        {
            upstream.ExchangeFailures.Enqueue(ex); // lets a test see what the MCP SDK hides behind a tool error
            throw;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(upstream.BaseAddress, UpstreamApi.NextMeetingPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var response = await upstream.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
