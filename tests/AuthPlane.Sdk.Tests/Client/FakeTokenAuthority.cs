using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

using Xunit;

namespace AuthPlane.Sdk.Tests.Client;

/// <summary>One request the fake authority received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string RawBody, IReadOnlyDictionary<string, StringValues> Form, IHeaderDictionary Headers)
{
    public string? Authorization => Headers.Authorization.Count > 0 ? Headers.Authorization.ToString() : null;

    public string? DPoP => Headers.TryGetValue("DPoP", out var value) ? value.ToString() : null;

    public string[] Values(string name) => Form.TryGetValue(name, out var values) ? [.. values.Select(v => v ?? string.Empty)] : [];
}

/// <summary>What the fake authority answers.</summary>
internal sealed record FakeAnswer(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeAnswer Json(int status, string body, IReadOnlyDictionary<string, string>? headers = null) => new(status, body, "application/json", headers);
}

/// <summary>
/// A loopback HTTP authority for client tests: token, introspection and revocation endpoints that record each
/// request and answer with whatever the test queued (or the default answer).
/// </summary>
internal sealed class FakeTokenAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAnswer> _answers = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTokenAuthority(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri TokenEndpoint => new(BaseAddress, "/oauth/token");

    public Uri IntrospectionEndpoint => new(BaseAddress, "/oauth/introspect");

    public Uri RevocationEndpoint => new(BaseAddress, "/oauth/revoke");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer given when nothing is queued.</summary>
    public FakeAnswer DefaultAnswer { get; set; } = FakeAnswer.Json(200, """{"access_token":"default","token_type":"Bearer","expires_in":3600,"issued_token_type":"urn:ietf:params:oauth:token-type:access_token"}""");

    public RecordedRequest SingleRequest => Assert.Single(Requests);

    /// <summary>When set, every request waits for this task before it is answered (an authority that hangs).</summary>
    public Task? Hold { get; set; }

    /// <summary>Completes when the first request has been recorded.</summary>
    public Task FirstRequestReceived => _firstRequest.Task;

    public static async Task<FakeTokenAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTokenAuthority? authority = null;
        app.MapPost("/oauth/{operation}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var raw = await reader.ReadToEndAsync();
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(raw);
            authority!.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, raw, form, new HeaderDictionary(context.Request.Headers.ToDictionary())));
            authority._firstRequest.TrySetResult();
            if (authority.Hold is { } hold)
            {
                await hold.WaitAsync(context.RequestAborted);
            }

            var answer = authority._answers.TryDequeue(out var queued) ? queued : authority.DefaultAnswer;
            foreach (var header in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers.Append(header.Key, header.Value);
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        authority = new FakeTokenAuthority(app, new Uri(address));
        return authority;
    }

    public void Enqueue(params FakeAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
