using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using AuthPlane.Sdk.Testing.OAuth;

namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// A tiny stand-in for an upstream API, hosted by the sample itself in dev mode at <c>/dev-upstream</c>, outside
/// AuthPlane's pipeline. <c>GET /dev-upstream/agenda</c> accepts only upstream tokens the dev authority vended for it
/// through token exchange (so never an MCP caller's own token) and answers a small JSON agenda; anything else gets 401.
/// </summary>
public sealed class DemoUpstreamApi(DevAuthority authority)
{
    /// <summary>Where the demo upstream is mapped on the sample.</summary>
    public const string PathBase = "/dev-upstream";

    private const int MaxRecordedCalls = 32;
    private const string BearerPrefix = "Bearer ";

    private readonly ConcurrentQueue<DemoUpstreamCall> _calls = new();

    /// <summary>The last calls that carried a bearer token (accepted or not), oldest first, at most 32: what the upstream really received.</summary>
    public IReadOnlyList<DemoUpstreamCall> ReceivedCalls => [.. _calls];

    /// <summary>Maps the demo upstream on its own branch, ahead of the AuthPlane middleware.</summary>
    public void Map(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Map(PathBase, branch => branch.Run(HandleAsync));
    }

    private Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/agenda")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
        var grant = token is null ? null : authority.FindDemoUpstreamGrant(token);
        if (token is not null)
        {
            Record(new DemoUpstreamCall(token, grant));
        }

        if (grant is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Task.CompletedTask;
        }

        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(Agenda.For(grant.Subject, grant.Scopes), context.RequestAborted);
    }

    private void Record(DemoUpstreamCall call)
    {
        _calls.Enqueue(call);
        while (_calls.Count > MaxRecordedCalls)
        {
            _calls.TryDequeue(out _);
        }
    }
}

/// <summary>A call the demo upstream received.</summary>
/// <param name="Token">The bearer token it carried.</param>
/// <param name="Grant">What the dev authority vended the token for; null when the token was refused.</param>
public sealed record DemoUpstreamCall(string Token, UpstreamGrant? Grant);

/// <summary>The demo upstream's answer.</summary>
/// <param name="Owner">The user the upstream token acts for.</param>
/// <param name="Scopes">The upstream scopes the token grants.</param>
/// <param name="Items">The agenda.</param>
public sealed record Agenda(
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("items")] IReadOnlyList<AgendaItem> Items)
{
    /// <summary>The fixed demo agenda of <paramref name="owner"/>.</summary>
    public static Agenda For(string owner, IReadOnlyList<string> scopes) => new(owner, scopes,
    [
        new AgendaItem("09:00", "Stand-up"),
        new AgendaItem("13:00", "Design review"),
        new AgendaItem("16:30", "1:1"),
    ]);
}

/// <summary>One agenda entry.</summary>
/// <param name="Time">Local start time (HH:mm).</param>
/// <param name="Title">What happens.</param>
public sealed record AgendaItem(
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("title")] string Title);
