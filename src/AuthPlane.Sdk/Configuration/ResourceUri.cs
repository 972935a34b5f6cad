namespace AuthPlane.Sdk.Configuration;

/// <summary>The rules for a protected resource's URI (RFC 8707 §2, RFC 9728 §1.2).</summary>
internal static class ResourceUri
{
    /// <summary>
    /// Checks that <paramref name="value"/> is an absolute <c>https</c> URL (<c>http</c> only in dev mode) with a host,
    /// without fragment or userinfo.
    /// </summary>
    /// <param name="value">The configured resource URI.</param>
    /// <param name="devMode">Whether dev mode (which allows <c>http</c>) is on.</param>
    /// <param name="error">What is wrong, phrased to complete "The resource URI …"; empty when valid.</param>
    /// <returns>True when the URI is acceptable.</returns>
    public static bool TryValidate(string? value, bool devMode, out string error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "is required";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = "must be an absolute http(s) URL";
            return false;
        }

        if (uri.Host.Length == 0)
        {
            error = "must name a host";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = "must not contain userinfo";
            return false;
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            error = "must not contain a fragment";
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !devMode)
        {
            error = "must use https (http is allowed only in dev mode)";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
