using System.Text.Json;

namespace AuthPlane.Sdk.Client;

/// <summary>
/// Maps a non-success authority answer to its typed exception: any 5xx to <see cref="AuthPlaneServerException"/>, a
/// 4xx consent answer with a consent URL to <see cref="AuthPlaneConsentRequiredException"/>, <c>invalid_client</c> to
/// <see cref="AuthPlaneClientAuthenticationException"/>, an answer naming no error to
/// <see cref="AuthPlaneProtocolException"/>, any other OAuth error (RFC 6749 §5.2) to <see cref="AuthPlaneOAuthException"/>.
/// </summary>
internal static class OAuthErrorResponse
{
    /// <summary>The exception for an answer with status <paramref name="statusCode"/> and body <paramref name="body"/>.</summary>
    public static AuthPlaneOAuthException ToException(int statusCode, ReadOnlySpan<byte> body)
    {
        using var document = JsonBodies.TryParseObject(body);
        var root = document?.RootElement ?? default;
        var error = document is null ? null : JsonBodies.GetString(root, "error");
        var description = document is null ? null : JsonBodies.GetString(root, "error_description");

        // A 5xx is a server failure whatever its body says (even "consent_required").
        if (statusCode >= 500)
        {
            return new AuthPlaneServerException(
                string.IsNullOrEmpty(error) ? OAuthErrorCodes.ServerError : error,
                description,
                statusCode,
                $"The authority failed with HTTP {statusCode}{(string.IsNullOrEmpty(error) ? string.Empty : $" ({error})")}.");
        }

        if (string.IsNullOrEmpty(error))
        {
            return new AuthPlaneProtocolException($"The authority answered HTTP {statusCode} without an OAuth error.", statusCode);
        }

        // consent_required / interaction_required become consent only with a 4xx status and a usable consent_url
        // (AuthPlane's problem+json consent answer); otherwise the original OAuth error stands.
        if (error is OAuthErrorCodes.ConsentRequired or OAuthErrorCodes.InteractionRequired
            && statusCode is >= 400 and < 500
            && TryGetConsentUrl(root, out var consentUrl))
        {
            var text = description ?? JsonBodies.GetString(root, "detail") ?? JsonBodies.GetString(root, "title") ?? "Consent is required.";
            return new AuthPlaneConsentRequiredException(error, consentUrl, JsonBodies.GetString(root, "cause"), text, statusCode);
        }

        if (error == OAuthErrorCodes.InvalidClient)
        {
            return new AuthPlaneClientAuthenticationException(description, statusCode);
        }

        return new AuthPlaneOAuthException(error, description, statusCode, $"The authority refused the request: {error} (HTTP {statusCode}){(description is null ? "." : $": {description}")}");
    }

    private static bool TryGetConsentUrl(JsonElement root, out Uri consentUrl)
    {
        consentUrl = null!;
        var text = JsonBodies.GetString(root, "consent_url");
        if (string.IsNullOrEmpty(text)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        consentUrl = uri;
        return true;
    }
}
