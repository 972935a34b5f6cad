using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.AspNetCore.Configuration;

/// <summary>
/// Binds <see cref="AuthPlaneOptions"/> from the <c>AuthPlane</c> section, then the flat <c>AUTHPLANE_*</c>
/// variables (which win), and reports unparsable flat values at start-up, naming the variable.
/// </summary>
internal sealed class ConfigureAuthPlaneFromConfiguration(IConfiguration configuration)
    : IConfigureOptions<AuthPlaneOptions>, IValidateOptions<AuthPlaneOptions>
{
    public void Configure(AuthPlaneOptions options)
    {
        configuration.GetSection(AuthPlaneOptions.SectionName).Bind(options);
        AuthPlaneEnvironmentVariables.Apply(configuration, options, new List<string>());
    }

    public ValidateOptionsResult Validate(string? name, AuthPlaneOptions options)
    {
        var errors = new List<string>();
        AuthPlaneEnvironmentVariables.Apply(configuration, new AuthPlaneOptions(), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
