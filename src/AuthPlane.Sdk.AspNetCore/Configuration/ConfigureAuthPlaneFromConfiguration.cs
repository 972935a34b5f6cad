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
        var section = configuration.GetSection(AuthPlaneOptions.SectionName);

        // The binder appends a configured list to the default one; a list in configuration must replace it instead.
        if (section.GetSection(nameof(AuthPlaneOptions.AllowedAlgorithms)).GetChildren().Any())
        {
            options.AllowedAlgorithms = [];
        }

        if (section.GetSection(nameof(AuthPlaneOptions.Scopes)).GetChildren().Any())
        {
            options.Scopes = [];
        }

        if (section.GetSection(nameof(AuthPlaneOptions.DPoP)).GetSection(nameof(DPoP.DPoPOptions.AllowedAlgorithms)).GetChildren().Any())
        {
            options.DPoP.AllowedAlgorithms = [];
        }

        section.Bind(options);
        AuthPlaneEnvironmentVariables.Apply(configuration, options, new List<string>());
    }

    public ValidateOptionsResult Validate(string? name, AuthPlaneOptions options)
    {
        var errors = new List<string>();
        AuthPlaneEnvironmentVariables.Apply(configuration, new AuthPlaneOptions(), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
