using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Client;

/// <summary>Validates <see cref="AuthPlaneClientOptions"/> with messages that name the setting and the fix.</summary>
internal sealed class AuthPlaneClientOptionsValidator : IValidateOptions<AuthPlaneClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthPlaneClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RequirePositive(failures, options.TotalTimeout, nameof(options.TotalTimeout));
        RequirePositive(failures, options.AttemptTimeout, nameof(options.AttemptTimeout));
        RequirePositive(failures, options.DPoPProofLifetime, nameof(options.DPoPProofLifetime));
        if (options.DefaultTokenLifetime < TimeSpan.Zero)
        {
            failures.Add($"AuthPlane client setting {nameof(options.DefaultTokenLifetime)} must not be negative; use zero to never cache tokens without expires_in.");
        }

        if (options.CacheExpiryMargin < TimeSpan.Zero)
        {
            failures.Add($"AuthPlane client setting {nameof(options.CacheExpiryMargin)} must not be negative.");
        }

        if (options.CacheSize < 1)
        {
            failures.Add($"AuthPlane client setting {nameof(options.CacheSize)} must be at least 1.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            failures.Add($"AuthPlane client setting {nameof(options.MaxResponseBytes)} must be at least 1024 bytes.");
        }

        if (options.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add($"AuthPlane client setting {nameof(options.CircuitBreakerFailureRatio)} must be greater than 0 and at most 1.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"AuthPlane client setting {nameof(options.CircuitBreakerMinimumThroughput)} must be at least 2.");
        }

        if (options.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"AuthPlane client settings {nameof(options.CircuitBreakerSamplingDuration)} and {nameof(options.CircuitBreakerBreakDuration)} must be at least 0.5 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AuthPlane client setting {setting} must be a positive time span.");
        }
    }
}
