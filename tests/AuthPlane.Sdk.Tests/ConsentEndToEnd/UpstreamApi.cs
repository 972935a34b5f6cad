using System.Collections.Concurrent;
using AuthPlane.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthPlane.Sdk.Tests.ConsentEndToEnd;

/// <summary>
/// A tiny upstream API on a loopback port (what a broker resource such as a calendar would be). It records the
/// <c>Authorization</c> header of every request and answers 200 only for an upstream token the authority vended.
/// </summary>
public sealed class UpstreamApi : IAsyncDisposable
{
    public const string NextMeetingPath = "/meetings/next";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _authorizations;

    private UpstreamApi(WebApplication app, ConcurrentQueue<string> authorizations, Uri baseAddress)
    {
        _app = app;
        _authorizations = authorizations;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The <c>Authorization</c> header of every request received, in order (empty when absent).</summary>
    public IReadOnlyList<string> ReceivedAuthorizations => [.. _authorizations];

    public static async Task<UpstreamApi> StartAsync(TestAuthority authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authorizations = new ConcurrentQueue<string>();
        app.MapGet(NextMeetingPath, (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            authorizations.Enqueue(authorization);
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : string.Empty;
            return authority.IsUpstreamToken(token) && authority.LookupUpstreamGrant(token) is { } grant
                ? Results.Text("Standup with " + grant.Subject)
                : Results.Unauthorized();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UpstreamApi(app, authorizations, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
