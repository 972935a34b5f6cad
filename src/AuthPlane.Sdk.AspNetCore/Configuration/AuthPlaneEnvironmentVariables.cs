using System.Globalization;
using AuthPlane.Sdk.DPoP;
using Microsoft.Extensions.Configuration;

namespace AuthPlane.Sdk.AspNetCore.Configuration;

/// <summary>
/// Reads the flat <c>AUTHPLANE_*</c> variables shared across the AuthPlane ecosystem (<c>AUTHPLANE_ISSUER</c>,
/// <c>AUTHPLANE_RESOURCE</c>, <c>AUTHPLANE_SCOPES</c>, …, as listed in the README) from a configuration root.
/// They are applied after the <c>AuthPlane</c> section, so a flat variable wins over the same setting in the section.
/// </summary>
internal static class AuthPlaneEnvironmentVariables
{
    internal const string Issuer = "AUTHPLANE_ISSUER";
    internal const string Resource = "AUTHPLANE_RESOURCE";
    internal const string Scopes = "AUTHPLANE_SCOPES";
    internal const string ClientId = "AUTHPLANE_CLIENT_ID";
    internal const string ClientSecret = "AUTHPLANE_CLIENT_SECRET";
    internal const string DevMode = "AUTHPLANE_DEV_MODE";
    internal const string Realm = "AUTHPLANE_REALM";
    internal const string DPoPMode = "AUTHPLANE_DPOP";
    internal const string DPoPRequireNonce = "AUTHPLANE_DPOP_REQUIRE_NONCE";
    internal const string DPoPNonceKey = "AUTHPLANE_DPOP_NONCE_KEY";
    internal const string ClockSkewSeconds = "AUTHPLANE_CLOCK_SKEW_SECONDS";
    internal const string AllowedAlgorithms = "AUTHPLANE_ALLOWED_ALGORITHMS";

    private static readonly char[] ListSeparators = [' ', ','];

    /// <summary>
    /// Applies every flat variable present in <paramref name="configuration"/> to <paramref name="options"/>.
    /// A value that cannot be parsed is left unapplied and described in <paramref name="errors"/>.
    /// </summary>
    public static void Apply(IConfiguration configuration, AuthPlaneOptions options, ICollection<string> errors)
    {
        SetString(configuration, Issuer, value => options.Issuer = value);
        SetString(configuration, Resource, value => options.Resource = value);
        SetString(configuration, ClientId, value => options.ClientId = value);
        SetString(configuration, ClientSecret, value => options.ClientSecret = value);
        SetString(configuration, Realm, value => options.Realm = value);
        SetString(configuration, DPoPNonceKey, value => options.DPoP.NonceKey = value);
        SetList(configuration, Scopes, value => options.Scopes = value);
        SetList(configuration, AllowedAlgorithms, value => options.AllowedAlgorithms = value);
        SetBoolean(configuration, DevMode, errors, value => options.DevMode = value);
        SetBoolean(configuration, DPoPRequireNonce, errors, value => options.DPoP.RequireNonce = value);

        var mode = configuration[DPoPMode];
        if (!string.IsNullOrWhiteSpace(mode))
        {
            switch (mode.Trim().ToUpperInvariant())
            {
                case "DISABLED":
                    options.DPoP.Mode = DPoP.DPoPMode.Disabled;
                    break;
                case "ALLOWED":
                    options.DPoP.Mode = DPoP.DPoPMode.Allowed;
                    break;
                case "REQUIRED":
                    options.DPoP.Mode = DPoP.DPoPMode.Required;
                    break;
                default:
                    errors.Add($"{DPoPMode} has an invalid value '{mode}': use disabled, allowed or required.");
                    break;
            }
        }

        var skew = configuration[ClockSkewSeconds];
        if (!string.IsNullOrWhiteSpace(skew))
        {
            if (int.TryParse(skew.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                options.ClockSkew = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                errors.Add($"{ClockSkewSeconds} has an invalid value '{skew}': use a whole number of seconds from 0 to 300.");
            }
        }
    }

    private static void SetString(IConfiguration configuration, string key, Action<string> set)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            set(value.Trim());
        }
    }

    private static void SetList(IConfiguration configuration, string key, Action<IReadOnlyList<string>> set)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            set(value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    private static void SetBoolean(IConfiguration configuration, string key, ICollection<string> errors, Action<bool> set)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        switch (value.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES":
                set(true);
                break;
            case "FALSE" or "0" or "NO":
                set(false);
                break;
            default:
                errors.Add($"{key} has an invalid value '{value}': use true or false.");
                break;
        }
    }
}
