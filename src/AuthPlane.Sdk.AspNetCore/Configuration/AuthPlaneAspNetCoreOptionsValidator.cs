using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Configuration;

/// <summary>Start-up validation of the settings only the ASP.NET Core layer uses.</summary>
internal sealed class AuthPlaneAspNetCoreOptionsValidator : IValidateOptions<AuthPlaneAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthPlaneAspNetCoreOptions options)
    {
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes <= 0)
        {
            errors.Add("AuthPlane:MaxRequestBodyBytes must be a positive number of bytes (default 1048576).");
        }

        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromMinutes(5))
        {
            errors.Add("AuthPlane:RetryAfter must be between 00:00:01 and 00:05:00 (default 00:00:10).");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                errors.Add($"AuthPlane:AllowedOrigins contains '{origin}', which is not an origin: use scheme://host[:port] without path, for example https://app.example.com.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.GetLeftPart(UriPartial.Authority).Equals(value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith('/');
}
