using Xunit;

namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>A fact that is skipped, with a plain reason, when the conformance catalog is not present.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresConformanceCatalogFactAttribute : FactAttribute
{
    /// <summary>Skips the fact when <see cref="ConformanceCatalogLocation.CatalogExists"/> is false.</summary>
    public RequiresConformanceCatalogFactAttribute()
    {
        if (!ConformanceCatalogLocation.CatalogExists)
        {
            Skip = ConformanceCatalogLocation.MissingMessage;
        }
    }
}
