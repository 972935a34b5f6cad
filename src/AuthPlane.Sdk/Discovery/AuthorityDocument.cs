namespace AuthPlane.Sdk.Discovery;

/// <summary>A JSON document fetched from the authority, or why it could not be.</summary>
internal sealed class AuthorityDocument
{
    private AuthorityDocument(AuthorityDocumentStatus status, byte[]? body, TimeSpan? maxAge, string? error)
    {
        Status = status;
        Body = body;
        MaxAge = maxAge;
        Error = error;
    }

    /// <summary>What happened.</summary>
    public AuthorityDocumentStatus Status { get; }

    /// <summary>The response body when <see cref="Status"/> is <see cref="AuthorityDocumentStatus.Ok"/>.</summary>
    public byte[]? Body { get; }

    /// <summary>The <c>Cache-Control: max-age</c> of the response, when present.</summary>
    public TimeSpan? MaxAge { get; }

    /// <summary>A description of the failure, for logs and exception messages.</summary>
    public string? Error { get; }

    public static AuthorityDocument Ok(byte[] body, TimeSpan? maxAge) => new(AuthorityDocumentStatus.Ok, body, maxAge, null);

    public static AuthorityDocument NotFound() => new(AuthorityDocumentStatus.NotFound, null, null, "HTTP 404");

    public static AuthorityDocument Failed(string error) => new(AuthorityDocumentStatus.Failed, null, null, error);
}

/// <summary>Outcome kinds of an authority fetch.</summary>
internal enum AuthorityDocumentStatus
{
    /// <summary>A 2xx response within the limits.</summary>
    Ok,

    /// <summary>HTTP 404 (discovery then tries the next well-known location).</summary>
    NotFound,

    /// <summary>Transport error, timeout, other status (redirects included), size limit, or a refused URL.</summary>
    Failed,
}
