namespace AuthPlane.Sdk.Client;

/// <summary>
/// The authority needs the user to grant consent (<c>consent_required</c> or <c>interaction_required</c> with a
/// 4xx status and a <c>consent_url</c>, DESIGN §4.5). Letting it escape an MCP tool turns it into JSON-RPC error
/// -32042 with a URL elicitation when the consent filter is registered.
/// </summary>
public sealed class ConsentRequiredException : AuthPlaneOAuthException
{
    /// <summary>Creates the exception.</summary>
    public ConsentRequiredException(string error, Uri consentUrl, string? cause, string description, int statusCode)
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
