namespace AuthPlane.Sdk.Client;

/// <summary>
/// The authority needs the user to grant consent: it answered <c>consent_required</c> or <c>interaction_required</c>
/// with a 4xx status and a <c>consent_url</c>. Letting it escape an MCP tool turns it into JSON-RPC error -32042 with
/// a URL elicitation when the consent filter is registered.
/// </summary>
/// <remarks>
/// The consent URL is what the elicitation sends the user to, so this type has no constructor without one (and hence
/// none of the message-only standard exception constructors).
/// </remarks>
public sealed class AuthPlaneConsentRequiredException : AuthPlaneOAuthException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The OAuth <c>error</c> code: <c>consent_required</c> or <c>interaction_required</c>.</param>
    /// <param name="consentUrl">Where the user grants consent.</param>
    /// <param name="cause">AuthPlane's <c>cause</c>, when given.</param>
    /// <param name="description">The text to show the user.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    public AuthPlaneConsentRequiredException(string error, Uri consentUrl, string? cause, string description, int statusCode)
        : base(error, description, statusCode, $"The authority requires consent ({error}): {description}")
    {
        ArgumentNullException.ThrowIfNull(consentUrl);
        ConsentUrl = consentUrl;
        Cause = cause;
        Description = description;
    }

    /// <summary>Where the user grants consent.</summary>
    public Uri ConsentUrl { get; }

    /// <summary>AuthPlane's <c>cause</c>: <c>consent_missing</c> or <c>scope_insufficient</c>, when given.</summary>
    public string? Cause { get; }

    /// <summary>The text to show the user (the <c>error_description</c>, else the problem <c>detail</c> or <c>title</c>).</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override OAuthErrorKind Kind => OAuthErrorKind.ConsentRequired;
}
