using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace AuthPlane.Sdk.Tests.Docs;

/// <summary>The dotnet new template references the SDK packages this repository builds.</summary>
public sealed class TemplateVersionTests
{
    [Fact]
    public void The_template_references_the_sdk_version_this_repository_packs_by_default()
    {
        var version = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
        using var template = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("templates/AuthPlane.Templates/content/authplane-mcp/.template.config/template.json")));

        var parameter = template.RootElement.GetProperty("symbols").GetProperty("AuthPlaneSdkVersion");

        Assert.Equal(version, parameter.GetProperty("defaultValue").GetString());
        Assert.Equal("AUTHPLANE_SDK_VERSION", parameter.GetProperty("replaces").GetString());
        var packages = File.ReadAllText(RepositoryRoot.Combine("templates/AuthPlane.Templates/content/authplane-mcp/Directory.Packages.props"));
        Assert.Contains("<PackageVersion Include=\"AuthPlane.Sdk.AspNetCore\" Version=\"AUTHPLANE_SDK_VERSION\" />", packages, StringComparison.Ordinal);
    }
}
