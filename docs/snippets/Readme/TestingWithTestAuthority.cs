using AuthPlane.Sdk.Testing;

namespace AuthPlane.Docs.Snippets.Readme;

/// <summary>README "Testing your own server with TestAuthority": starting an authority and minting a token.</summary>
public static class TestingWithTestAuthority
{
    /// <summary>Starts an authority and mints a token as the README shows it.</summary>
    public static async Task<string> MintAsync()
    {
        // snippet: testing-test-authority
        await using var authority = await TestAuthority.StartAsync();            // loopback, random port
        // AuthPlane:Issuer = authority.Issuer, AuthPlane:DevMode = true
        var token = authority.MintAccessToken("https://localhost/mcp", t => t.Scopes = ["calendar:read"]);
        // end snippet
        return token;
    }
}
