namespace AuthPlane.Sdk.AspNetCore;

/// <summary>Settings of the ASP.NET Core and MCP integration only (the core settings live in <see cref="AuthPlaneOptions"/>).</summary>
public sealed class AuthPlaneAspNetCoreOptions
{
    /// <summary>Largest MCP request body the scope gate reads, in bytes (1 MiB by default); larger POSTs are answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Hides from <c>tools/list</c> the tools whose <see cref="RequireScopeAttribute"/> scopes the caller lacks. Off by default: clients step up from the 403.</summary>
    public bool HideToolsWithoutScope { get; set; }

    /// <summary>Browser origins (for example <c>https://app.example.com</c>) allowed to call the MCP endpoint with CORS; empty (no CORS) by default.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// The <c>Retry-After</c> of 503 answers when the authority or a store cannot be reached; 10 seconds by default.
    /// The header carries whole seconds, a fraction rounded up.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Declares the MCP server deliberately public: start-up no longer fails when an MCP endpoint is mapped without
    /// authorization. Scoped tools, prompts and resources still answer the 401 challenge to callers without a token.
    /// </summary>
    public bool AllowAnonymousMcp { get; set; }

    /// <summary>
    /// Loads the authority's metadata and signing keys in the background as the host starts, so the first request does
    /// not wait for them; on by default. Start-up never waits for the authority either way.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
