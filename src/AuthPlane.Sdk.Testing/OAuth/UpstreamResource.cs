namespace AuthPlane.Sdk.Testing.OAuth;

// A broker resource the authority vends upstream tokens for (RegisterUpstream).
internal sealed record UpstreamResource(string Resource, string DisplayName, IReadOnlySet<string> Scopes);
