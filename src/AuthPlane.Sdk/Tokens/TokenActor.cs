namespace AuthPlane.Sdk.Tokens;

/// <summary>One actor of an RFC 8693 <c>act</c> delegation chain.</summary>
/// <param name="Subject">The actor's <c>sub</c>.</param>
/// <param name="ClientId">The actor's <c>client_id</c>, when present.</param>
public sealed record TokenActor(string Subject, string? ClientId);
