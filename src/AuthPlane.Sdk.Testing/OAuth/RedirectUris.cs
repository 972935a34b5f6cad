namespace AuthPlane.Sdk.Testing.OAuth;

// Which redirect URIs a client may register and how a request's redirect_uri matches them: https anywhere, or http on
// a loopback host (127.0.0.0/8, ::1, or localhost, which RFC 8252 discourages but browser-based MCP tools such as MCP
// Inspector use), where any port matches the registered one because such clients pick a free port at run time
// (RFC 8252 §7.3). Everything else must match the registered URI exactly.
internal static class RedirectUris
{
    public static bool IsAllowed(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && !value.Contains('#', StringComparison.Ordinal)
            && string.IsNullOrEmpty(uri.UserInfo)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public static bool Matches(IReadOnlyList<string> registered, string requested)
    {
        if (registered.Contains(requested, StringComparer.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate(requested, UriKind.Absolute, out var candidate) || candidate.Scheme != Uri.UriSchemeHttp || !candidate.IsLoopback)
        {
            return false;
        }

        return registered.Any(value => Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && uri.IsLoopback
            && string.Equals(uri.IdnHost, candidate.IdnHost, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.PathAndQuery, candidate.PathAndQuery, StringComparison.Ordinal));
    }

    // 127.0.0.0/8, ::1 and "localhost" (which RFC 8252 discourages, but browser-based MCP tools such as MCP Inspector use).
    private static bool IsLoopback(Uri uri) => uri.IsLoopback;
}
