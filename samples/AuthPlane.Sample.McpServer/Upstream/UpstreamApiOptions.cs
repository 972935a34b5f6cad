namespace AuthPlane.Sample.McpServer.Upstream;

/// <summary>
/// The upstream API the <c>upstream_agenda</c> tool calls through token exchange, bound from the
/// <c>Sample:Upstream</c> configuration section (<c>Sample__Upstream__Resource</c> and so on as environment variables).
/// In dev mode the sample fills it with its own demo upstream.
/// </summary>
public sealed class UpstreamApiOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Sample:Upstream";

    /// <summary>
    /// The broker resource at AuthPlane (RFC 8707 resource indicator) the caller's token is exchanged for.
    /// The upstream tool is only offered when this is set.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>The space-separated scopes requested for the upstream token; empty asks for the resource's default.</summary>
    public string? Scope { get; set; }

    /// <summary>The upstream API's base URL; the tool sends <c>GET {BaseUrl}/agenda</c> with the exchanged token.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether an upstream is configured at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Resource);

    /// <summary>The scopes of <see cref="Scope"/>, split on spaces.</summary>
    public IReadOnlyList<string> Scopes => (Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The agenda endpoint of the upstream API.</summary>
    public Uri AgendaUrl => new(BaseUrl!.TrimEnd('/') + "/agenda", UriKind.Absolute);

    /// <summary>Why the options cannot be used, naming the setting and the fix; null when they are usable.</summary>
    public string? Problem()
    {
        if (!IsConfigured)
        {
            return null;
        }

        if (!Uri.TryCreate(Resource, UriKind.Absolute, out _))
        {
            return $"{SectionName}:Resource must be an absolute URI (the broker resource registered at AuthPlane), e.g. https://www.googleapis.com/calendar.";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return $"{SectionName}:BaseUrl must be the absolute http(s) base URL of the upstream API when {SectionName}:Resource is set.";
        }

        return null;
    }
}
