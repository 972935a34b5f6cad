using AuthPlaneMcp;

var builder = WebApplication.CreateBuilder(args);

// Development only, and only while no issuer is configured: an embedded TestAuthority (no login) issues the tokens.
await using var devAuthority = DevelopmentAuthority.CreateIfWanted(builder);

builder.Services.AddMcpServer()
    .WithHttpTransport(http => http.Stateless = true)
    .WithAuthPlane()
    .WithTools<CalendarTools>();

// AuthPlane:Issuer and AuthPlane:Resource (or AUTHPLANE_ISSUER and AUTHPLANE_RESOURCE) are required outside dev mode.
builder.Services.AddAuthPlane(builder.Configuration);

var app = builder.Build();
if (devAuthority is not null)
{
    // Started after Build: WebApplicationFactory takes the first host built, which must be this app's.
    await devAuthority.StartAsync();
}

app.UseAuthPlane();
app.MapMcp("/mcp").RequireAuthorization();

await app.StartAsync();
devAuthority?.PrintTokens(Console.Out);
await app.WaitForShutdownAsync();
