using System.ComponentModel;
using AuthPlane.Sdk.Client;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.Tests.Consent;

/// <summary>Tools that fail the way a tool calling AuthPlane token exchange can fail.</summary>
[McpServerToolType]
public sealed class ConsentTools
{
    public const string ConsentUrl = "https://auth.example.com/connect/google?resource=google-calendar&return_url=https%3A%2F%2Fmcp.example.com";
    public const string Description = "Authorize access to google-calendar";

    public static AuthPlaneConsentRequiredException Consent() => new("consent_required", new Uri(ConsentUrl), "consent_missing", Description, 400);

    [McpServerTool(Name = "needs_consent"), Description("Throws AuthPlaneConsentRequiredException directly.")]
    public static string NeedsConsent() => throw Consent();

    [McpServerTool(Name = "needs_consent_wrapped"), Description("Throws AuthPlaneConsentRequiredException as an inner exception.")]
    public static string NeedsConsentWrapped() => throw new InvalidOperationException("calendar call failed", Consent());

    [McpServerTool(Name = "needs_consent_aggregate"), Description("Throws AuthPlaneConsentRequiredException inside an AggregateException.")]
    public static string NeedsConsentAggregate() => throw new AggregateException(new TimeoutException("other"), new InvalidOperationException("x", Consent()));

    [McpServerTool(Name = "consent_without_url"), Description("Fails with a consent error that has no consent URL.")]
    public static string ConsentWithoutUrl() => throw new AuthPlaneOAuthException("consent_required", "no url", 400, "The authority refused the request: consent_required.");

    [McpServerTool(Name = "fine"), Description("Succeeds.")]
    public static string Fine() => "ok";
}

/// <summary>A prompt that needs consent.</summary>
[McpServerPromptType]
public sealed class ConsentPrompts
{
    [McpServerPrompt(Name = "needs_consent_prompt"), Description("Throws AuthPlaneConsentRequiredException.")]
    public static string NeedsConsent() => throw ConsentTools.Consent();
}

/// <summary>A resource that needs consent.</summary>
[McpServerResourceType]
public sealed class ConsentResources
{
    public const string Uri = "test://consent/calendar";

    [McpServerResource(UriTemplate = Uri, Name = "calendar"), Description("Throws AuthPlaneConsentRequiredException.")]
    public static string NeedsConsent() => throw ConsentTools.Consent();
}
