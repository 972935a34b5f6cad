using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Introspection;

/// <summary>Validates <see cref="IntrospectionOptions"/> with messages that name the setting and the fix.</summary>
internal sealed class IntrospectionOptionsValidator(IOptions<AuthPlaneOptions> authPlaneOptions) : IValidateOptions<IntrospectionOptions>
{
    private const string Prefix = IntrospectionOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, IntrospectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RequireCacheDuration(failures, options.ActiveResultCacheDuration, nameof(options.ActiveResultCacheDuration));
        RequireCacheDuration(failures, options.InactiveResultCacheDuration, nameof(options.InactiveResultCacheDuration));
        if (options.MaxCacheEntries < 1)
        {
            failures.Add($"{Prefix}{nameof(options.MaxCacheEntries)} must be at least 1; set the cache durations to zero to disable caching instead.");
        }

        // RFC 7662 §2.1: the introspection endpoint requires authorization; AuthPlane authenticates this server's client.
        var authPlane = authPlaneOptions.Value;
        if (options.Enabled && (string.IsNullOrEmpty(authPlane.ClientId) || string.IsNullOrEmpty(authPlane.ClientSecret)))
        {
            failures.Add($"{Prefix}{nameof(options.Enabled)} needs this server's client credentials: set AuthPlane:ClientId and AuthPlane:ClientSecret (AUTHPLANE_CLIENT_ID, AUTHPLANE_CLIENT_SECRET), or turn introspection off.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireCacheDuration(List<string> failures, TimeSpan value, string setting)
    {
        if (value < TimeSpan.Zero || value > IntrospectionOptions.MaxCacheDuration)
        {
            failures.Add($"{Prefix}{setting} must be between 00:00:00 (no caching) and {IntrospectionOptions.MaxCacheDuration}; it bounds how long a revoked token can still be accepted.");
        }
    }
}
