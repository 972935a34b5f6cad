namespace AuthPlane.Sdk.Redis;

/// <summary>Settings of the Redis DPoP replay cache.</summary>
public sealed class RedisReplayCacheOptions
{
    /// <summary>The StackExchange.Redis connection string, for example <c>redis.internal:6379,password=…,ssl=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every replay key, so several resources can share one Redis; <c>authplane:dpop:</c> by default.</summary>
    public string KeyPrefix { get; set; } = "authplane:dpop:";

    /// <summary>How long connecting and each command may take before the store counts as unavailable (fail closed); 2 seconds by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
