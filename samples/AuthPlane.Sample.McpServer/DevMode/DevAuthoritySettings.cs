namespace AuthPlane.Sample.McpServer.DevMode;

/// <summary>
/// Where the embedded dev authority listens and keeps its state, bound from the <c>DevAuthority</c> configuration
/// section (<c>DevAuthority__Port</c>, <c>DevAuthority__StateDirectory</c> as environment variables). The defaults keep
/// the issuer, the signing key and the clients MCP Inspector registered stable across restarts of the sample.
/// </summary>
public sealed class DevAuthoritySettings
{
    /// <summary>The configuration section the settings bind from.</summary>
    public const string SectionName = "DevAuthority";

    /// <summary>The authority's loopback port; 9000 (AuthPlane's own default) unless set; 0 picks a free port.</summary>
    public int Port { get; set; } = 9000;

    /// <summary>
    /// Where the signing key and registered clients are kept; by default <c>AuthPlane.Sample/dev-authority</c> under the
    /// user's local application data folder (<c>~/.local/share</c> on Linux). An empty value keeps everything in memory.
    /// Delete the folder to reset the dev authority.
    /// </summary>
    public string? StateDirectory { get; set; } = DefaultStateDirectory;

    /// <summary>The default <see cref="StateDirectory"/>.</summary>
    public static string DefaultStateDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "AuthPlane.Sample", "dev-authority");
}
