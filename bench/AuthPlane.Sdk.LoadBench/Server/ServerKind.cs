namespace AuthPlane.Sdk.LoadBench.Server;

/// <summary>How the benchmarked MCP app authenticates its callers.</summary>
internal enum ServerKind
{
    /// <summary>No authentication: the baseline.</summary>
    NoAuth,

    /// <summary>AuthPlane: <c>AddAuthPlane</c>, <c>UseAuthPlane</c>, <c>WithAuthPlane</c>.</summary>
    AuthPlane,

    /// <summary>Microsoft.AspNetCore.Authentication.JwtBearer on the same tokens.</summary>
    JwtBearer,

    /// <summary>
    /// ASP.NET Core authentication and authorization with a handler that accepts any <c>Authorization</c> header:
    /// the per-request floor of every authentication scheme, which AuthPlane's cost is compared with.
    /// </summary>
    EmptyHandler,
}
