// Every run of this assembly writes artifacts/conformance/conformance-report.json (see Conformance/).
[assembly: Xunit.TestFramework("AuthPlane.Sdk.Tests.Conformance.ConformanceTestFramework", "AuthPlane.Sdk.Tests")]
