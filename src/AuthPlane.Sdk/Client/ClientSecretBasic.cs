using System.Net.Http.Headers;
using System.Text;

namespace AuthPlane.Sdk.Client;

/// <summary>HTTP Basic client authentication as RFC 6749 §2.3.1 specifies it.</summary>
internal static class ClientSecretBasic
{
    /// <summary>
    /// <c>Basic base64(urlencode(id) ":" urlencode(secret))</c>: id and secret are
    /// application/x-www-form-urlencoded first, so a <c>:</c> in the id cannot split it.
    /// </summary>
    public static AuthenticationHeaderValue Create(string clientId, string clientSecret)
    {
        var credentials = FormEncode(clientId) + ":" + FormEncode(clientSecret);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    // application/x-www-form-urlencoded: percent-encode everything but unreserved characters, space as '+'.
    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
