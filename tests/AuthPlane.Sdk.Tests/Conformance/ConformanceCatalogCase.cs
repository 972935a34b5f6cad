namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>One case of the conformance catalog: the fields the harness needs to register and report it.</summary>
/// <param name="Id">The stable case id, the join key between catalog, tests and report.</param>
/// <param name="Surface">The SDK surface the case belongs to, e.g. <c>sdk-verifier.jwt</c>.</param>
/// <param name="Title">The case's one-line title.</param>
public sealed record ConformanceCatalogCase(string Id, string Surface, string Title);
