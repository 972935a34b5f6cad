using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Server;

namespace AuthPlane.Sample.McpServer.Tools;

/// <summary>Tools any authenticated caller may use: no <c>[RequireScope]</c>.</summary>
[McpServerToolType]
public sealed class PublicTools(TimeProvider time)
{
    /// <summary>The server's current time.</summary>
    [McpServerTool(Name = "server_time", ReadOnly = true), Description("Returns the server's current UTC time (ISO 8601). Needs no scope.")]
    public string ServerTime() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
