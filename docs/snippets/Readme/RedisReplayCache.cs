namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "DPoP": the replay cache shared by several instances.</summary>
public static class RedisReplayCache
{
    /// <summary>Registers the Redis replay cache as the README shows it.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // snippet: redis-replay-cache
        builder.Services.AddAuthPlaneRedisReplayCache("redis:6379,password=…");   // package AuthPlane.Sdk.Redis
        // end snippet
    }
}
