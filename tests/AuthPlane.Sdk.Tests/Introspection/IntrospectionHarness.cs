using System.Net;
using System.Net.Sockets;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Introspection;
using AuthPlane.Sdk.Tests.Client;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AuthPlane.Sdk.Tests.Introspection;

/// <summary>
/// The introspecting verifier as <c>AddAuthPlaneIntrospection</c> wires it, around an <see cref="InnerVerifier"/> substitute,
/// introspecting at a real loopback <see cref="FakeTokenAuthority"/> through the real OAuth client (fixed metadata).
/// </summary>
internal sealed class IntrospectionHarness : IAsyncDisposable
{
    private readonly OAuthClientHarness _client;

    private IntrospectionHarness(OAuthClientHarness client, IAccessTokenVerifier inner, CapturingLoggerProvider logs)
    {
        _client = client;
        Inner = inner;
        Logs = logs;
    }

    public FakeTokenAuthority Authority => _client.Authority;

    /// <summary>The decorated verifier (a substitute): count its calls with <see cref="InnerVerifier.Calls"/>.</summary>
    public IAccessTokenVerifier Inner { get; }

    public CapturingLoggerProvider Logs { get; }

    public FakeTimeProvider Time => _client.Time;

    public IAccessTokenVerifier Verifier => _client.Get<IAccessTokenVerifier>();

    /// <summary>How many introspection requests the authority received.</summary>
    public int IntrospectionRequests => Authority.Requests.Count(r => r.Path == "/oauth/introspect");

    public static async Task<IntrospectionHarness> StartAsync(
        Action<IntrospectionOptions>? configure = null,
        IAccessTokenVerifier? inner = null,
        Func<FakeTokenAuthority, AuthorizationServerMetadata>? metadata = null)
    {
        inner ??= InnerVerifier.Accepting();
        var logs = new CapturingLoggerProvider();
        var client = await OAuthClientHarness.StartAsync(metadata: metadata, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton<IAccessTokenVerifier>(inner);
            services.AddAuthPlaneIntrospection(o =>
            {
                o.Enabled = true;
                configure?.Invoke(o);
            });
        });
        return new IntrospectionHarness(client, inner, logs);
    }

    /// <summary>Metadata whose introspection endpoint is a loopback port nothing listens on.</summary>
    public static AuthorizationServerMetadata UnreachableIntrospection(FakeTokenAuthority authority)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new AuthorizationServerMetadata
        {
            Issuer = authority.BaseAddress.AbsoluteUri.TrimEnd('/'),
            JwksUri = new Uri(authority.BaseAddress, "/jwks"),
            IntrospectionEndpoint = new Uri($"http://127.0.0.1:{port}/oauth/introspect"),
        };
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
