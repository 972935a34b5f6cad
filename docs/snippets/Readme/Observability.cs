using AuthPlane.Sdk.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "Metrics, traces and health".</summary>
public static class Observability
{
    /// <summary>Health endpoints and the names to give an OpenTelemetry set-up.</summary>
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMcpServer().WithHttpTransport().WithAuthPlane().WithTools<CalendarTools>();
        builder.Services.AddAuthPlane(builder.Configuration);
        // snippet: health-checks
        builder.Services.AddHealthChecks()
            .AddAuthPlane(tags: ["ready"]);                      // metadata and signing keys loaded and fresh
        // .AddAuthPlaneRedisReplayCache(tags: ["ready"])        // with AuthPlane.Sdk.Redis: the replay store answers

        var app = builder.Build();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        // end snippet
        app.UseAuthPlane();
        app.MapMcp("/mcp").RequireAuthorization();
        Console.WriteLine($"Telemetry: meter {AuthPlaneDiagnostics.MeterName}, activity source {AuthPlaneDiagnostics.ActivitySourceName}");
        app.Run();
    }
}
