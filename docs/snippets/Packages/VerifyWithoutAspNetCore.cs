// snippet: package-sdk-verify
using AuthPlane.Sdk;
using AuthPlane.Sdk.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace MyService;

public static class TokenCheck
{
    public static async Task<string> DescribeAsync(string accessToken)
    {
        var services = new ServiceCollection();
        services.AddAuthPlaneCore();
        services.Configure<AuthPlaneOptions>(options =>
        {
            options.Issuer = "https://auth.example.com";
            options.Resource = "https://mcp.example.com/mcp";
        });
        await using var provider = services.BuildServiceProvider();

        var verifier = provider.GetRequiredService<IAccessTokenVerifier>();
        var result = await verifier.VerifyAsync(accessToken);
        return result.Succeeded ? $"valid, subject {result.Token!.Subject}" : $"rejected: {result.Reason}";
    }
}
// end snippet
