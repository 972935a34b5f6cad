using System.Globalization;
using AuthPlane.Sdk.Bench.Shared;
using AuthPlane.Sdk.DPoP;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AuthPlane.Sdk.LoadBench.Server;

/// <summary>
/// The benchmarked MCP app: stateless HTTP transport, the two <see cref="BenchTools"/>, on Kestrel at
/// 127.0.0.1, protected as <see cref="ServerArguments.Kind"/> says. It exits when its parent (the load driver) is gone.
/// </summary>
internal static class BenchServer
{
    private static long s_requests;

    /// <summary>Runs the server until it is stopped or its parent exits.</summary>
    public static async Task RunAsync(ServerArguments arguments)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{arguments.Port}"));
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);

        var mcp = builder.Services.AddMcpServer()
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools([typeof(BenchTools)]);
        switch (arguments.Kind)
        {
            case ServerKind.AuthPlane:
                mcp.WithAuthPlane();
                builder.Services.AddAuthPlane(options =>
                {
                    options.Issuer = arguments.Issuer;
                    options.Resource = ServerArguments.Resource;
                    options.Scopes = [BenchTools.Scope];
                    options.DevMode = true;
                    options.DPoP.Mode = DPoPMode.Allowed;

                    // Sized for this benchmark's one client key at thousands of proofs a second (capacity = rate ×
                    // window, README "Capacity and caches"): the defaults hold about 300 proofs a second and, once half
                    // full, refuse one key above about 30 a second as a flood. A 60 s proof age keeps the window short.
                    options.DPoP.ProofMaxAge = TimeSpan.FromSeconds(60);
                    options.DPoP.ReplayCacheCapacity = 1_000_000;
                    options.DPoP.ReplayCacheMaxEntriesPerKey = 1_000_000;
                });
                break;
            case ServerKind.JwtBearer:
                AddJwtBearer(builder.Services, arguments);
                break;
            case ServerKind.EmptyHandler:
                builder.Services.AddAuthorization();
                builder.Services.AddAuthentication(EmptyAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, EmptyAuthenticationHandler>(EmptyAuthenticationHandler.SchemeName, configureOptions: null);
                break;
            default:
                break;
        }

        var app = builder.Build();
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ServerArguments.McpPath))
            {
                Interlocked.Increment(ref s_requests);
            }

            return next(context);
        });
        app.MapGet(ServerArguments.RequestCountPath, static () => Interlocked.Read(ref s_requests));
        app.MapGet(ServerArguments.StatsPath, static (HttpContext context) => Results.Json(ReadStats(context.Request.Query.ContainsKey("collect")), ServerStatsJson.Default.ServerStats));
        switch (arguments.Kind)
        {
            case ServerKind.AuthPlane:
                app.UseAuthPlane();
                app.MapMcp(ServerArguments.McpPath).RequireAuthorization();
                break;
            case ServerKind.JwtBearer or ServerKind.EmptyHandler:
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapMcp(ServerArguments.McpPath).RequireAuthorization();
                break;
            default:
                app.MapMcp(ServerArguments.McpPath);
                break;
        }

        await app.StartAsync().ConfigureAwait(false);
        await WaitForParentExitOrStopAsync(arguments.ParentProcessId, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    // JwtBearer configured to check what AuthPlane checks: issuer, audience, lifetime, at+jwt, ES256, the JWKS from
    // the authority's RFC 8414 metadata.
    private static void AddJwtBearer(IServiceCollection services, ServerArguments arguments)
    {
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = arguments.MetadataUrl;
            options.RequireHttpsMetadata = false;
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = arguments.Issuer,
                ValidAudience = ServerArguments.Resource,
                ValidTypes = ["at+jwt"],
                ValidAlgorithms = ["ES256"],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
    }

    private static ServerStats ReadStats(bool collect)
    {
        // Read the collection counts first: a forced collection would count as one more gen-2 collection.
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var heap = collect ? GC.GetTotalMemory(forceFullCollection: true) : GC.GetGCMemoryInfo().HeapSizeBytes;
        return new ServerStats(Interlocked.Read(ref s_requests), GC.GetTotalAllocatedBytes(precise: true), gen0, gen1, gen2, heap, Environment.WorkingSet);
    }

    private static async Task WaitForParentExitOrStopAsync(int parentProcessId, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                if (!Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{parentProcessId}")))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by a signal: shut down normally.
        }
    }
}
