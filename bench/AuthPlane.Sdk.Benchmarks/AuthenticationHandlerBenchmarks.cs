using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.Bench.Shared;
using AuthPlane.Sdk.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuthPlane.Sdk.Benchmarks;

/// <summary>
/// One cached Bearer request through ASP.NET Core's authentication (<c>HttpContext.AuthenticateAsync</c>) with the
/// AuthPlane scheme, beside the same call with an empty handler that accepts any <c>Authorization</c> header: the
/// difference is what AuthPlane adds to ASP.NET Core's own per-request cost (request scope, handler, ticket, principal).
/// </summary>
[MemoryDiagnoser]
public class AuthenticationHandlerBenchmarks : IDisposable
{
    private TestAuthority? _authority;
    private ServiceProvider? _services;
    private string _authorization = string.Empty;

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Starts the authority, builds both schemes, and checks that both accept the request (the token then cached).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _authority = await TestAuthority.StartAsync().ConfigureAwait(false);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRouting(); // the AuthPlane scheme reads the endpoint catalog, as in a web application
        services.AddAuthPlane(options =>
        {
            options.Issuer = _authority.Issuer;
            options.Resource = SdkUnderTest.Resource;
            options.DevMode = true; // the authority listens on plain-http loopback
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, EmptyAuthenticationHandler>(EmptyAuthenticationHandler.SchemeName, configureOptions: null);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _authorization = "Bearer " + _authority.MintAccessToken(SdkUnderTest.Resource);

        // Two uses put the token in the verifier's cache; every measured call is then a cached Bearer request.
        for (var use = 0; use < 2; use++)
        {
            if (!await AuthPlaneAuthenticateCachedBearerAsync().ConfigureAwait(false) || !await EmptyHandlerAuthenticateAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("A scheme refused the benchmark's request; the numbers would measure a failure path.");
            }
        }
    }

    /// <summary>ASP.NET Core's floor: the same request authenticated by a handler that does no work.</summary>
    [Benchmark(Baseline = true)]
    public Task<bool> EmptyHandlerAuthenticateAsync() => AuthenticateAsync(EmptyAuthenticationHandler.SchemeName);

    /// <summary>The AuthPlane scheme on a cached Bearer token: header, cache lookup, <c>exp</c> and key re-check, principal.</summary>
    [Benchmark]
    public Task<bool> AuthPlaneAuthenticateCachedBearerAsync() => AuthenticateAsync(AuthPlaneAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Stops the authority and disposes the services.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _services = null;
        _authority?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _authority = null;
        GC.SuppressFinalize(this);
    }

    // A request as the server sees it: its own scope (handlers are created per request), method, path and header.
    private async Task<bool> AuthenticateAsync(string scheme)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Post;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("mcp.example.com");
        context.Request.Path = SdkUnderTest.ResourcePath;
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        return result.Succeeded;
    }
}
