namespace AuthPlane.Sdk.Client;

/// <summary>An RFC 8693 token-exchange request.</summary>
public sealed class TokenExchangeRequest
{
    /// <summary>The token to exchange (<c>subject_token</c>), typically the caller's access token. Required.</summary>
    public required string SubjectToken { get; init; }

    /// <summary>The <c>subject_token_type</c>; always sent, <see cref="TokenTypeUris.AccessToken"/> when null or empty.</summary>
    public string? SubjectTokenType { get; init; }

    /// <summary>The optional <c>actor_token</c>.</summary>
    public string? ActorToken { get; init; }

    /// <summary>The <c>actor_token_type</c>; <see cref="TokenTypeUris.AccessToken"/> when an actor token is given and this is null or empty.</summary>
    public string? ActorTokenType { get; init; }

    /// <summary>The <c>resource</c> values (RFC 8707), each sent as its own parameter; empty values are omitted.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The <c>audience</c> values, each sent as its own parameter; empty values are omitted.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The requested scopes, sent space-joined as <c>scope</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The optional <c>requested_token_type</c>.</summary>
    public string? RequestedTokenType { get; init; }
}
