namespace AuthPlane.Sdk.Tests.Conformance;
/// <summary>Binds an xunit test to one case id of the AuthPlane SDK conformance catalog.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ConformanceCaseAttribute(string caseId) : Attribute
{
    /// <summary>The catalog case id.</summary>
    public string CaseId { get; } = caseId;
}
