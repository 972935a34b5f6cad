namespace AuthPlane.Sdk.Discovery;

/// <summary>The rule for every URL the SDK calls at the authority: absolute, https (http only in dev mode), no userinfo.</summary>
internal static class EndpointUri
{
    /// <summary>Parses <paramref name="value"/> as an allowed endpoint URL.</summary>
    public static bool TryParse(string? value, bool devMode, out Uri uri)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var parsed) && IsAllowed(parsed, devMode))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>True when <paramref name="uri"/> may be called.</summary>
    public static bool IsAllowed(Uri uri, bool devMode)
        => uri.IsAbsoluteUri
            && (uri.Scheme == Uri.UriSchemeHttps || (devMode && uri.Scheme == Uri.UriSchemeHttp))
            && uri.UserInfo.Length == 0
            && uri.Host.Length > 0;
}
