using Microsoft.AspNetCore.Authentication;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// Per-scheme options of an AuthPlane authentication scheme (named options, configured through
/// <c>AddAuthentication().AddAuthPlane(scheme, configure)</c>). What tokens are accepted lives in the shared
/// <see cref="AuthPlaneOptions"/>; these options shape how the scheme surfaces the result.
/// </summary>
public sealed class AuthPlaneAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with fresh <see cref="AuthPlaneEvents"/>.</summary>
    public AuthPlaneAuthenticationOptions() => Events = new AuthPlaneEvents();

    /// <summary>The events raised by the handler; replace or set its delegates to observe or change outcomes.</summary>
    public new AuthPlaneEvents Events
    {
        get => (AuthPlaneEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>
    /// Puts every verified claim of the token on the principal (arrays as one claim per value, objects as JSON).
    /// On by default. When off the principal carries only <c>sub</c> (also as <c>NameIdentifier</c>),
    /// <c>client_id</c> and one <c>scope</c> claim per scope; the whole token stays reachable through
    /// <c>GetAuthPlaneToken()</c> either way.
    /// </summary>
    public bool MapAllClaims { get; set; } = true;
}
