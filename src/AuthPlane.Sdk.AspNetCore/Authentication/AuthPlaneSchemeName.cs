namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>The name of the registered AuthPlane scheme, for the parts (scope gate, scope policies) that challenge with it.</summary>
/// <param name="Name">The scheme name.</param>
internal sealed record AuthPlaneSchemeName(string Name);
