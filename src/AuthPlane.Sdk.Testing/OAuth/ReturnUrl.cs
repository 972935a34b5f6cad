namespace AuthPlane.Sdk.Testing.OAuth;

// Where the consent page may send the browser afterwards: a relative path on this authority, or a loopback
// http(s) URL (a local client); anything else would make the page an open redirector.
internal static class ReturnUrl
{
    public static bool IsSafe(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Any(char.IsControl))
        {
            return false;
        }

        if (value[0] == '/')
        {
            // "//host" and "/\host" are network-path references browsers follow to another host.
            return value.Length == 1 || (value[1] != '/' && value[1] != '\\');
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.IsLoopback
            && string.IsNullOrEmpty(uri.UserInfo);
    }
}
