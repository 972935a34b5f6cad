namespace AuthPlane.Docs.Snippets.Packages;

/// <summary>AuthPlane.Sdk.Redis package README: the set-up with a shared DPoP replay cache.</summary>
public static class RedisForSeveralInstances
{
    /// <summary>Registers AuthPlane and the Redis replay cache as the package README shows it.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // snippet: package-redis
        builder.Services.AddAuthPlane(builder.Configuration);
        builder.Services.AddAuthPlaneRedisReplayCache(builder.Configuration.GetConnectionString("redis")!);
        // end snippet
    }
}
