// snippet: first-server-program
using MyServer;

var builder = WebApplication.CreateBuilder(args);

// MCP over HTTP, with AuthPlane's scope filters on every tool, prompt and resource.
builder.Services.AddMcpServer()
    .WithHttpTransport()
    .WithAuthPlane()
    .WithTools<CalendarTools>();

// Issuer and resource from configuration: AUTHPLANE_ISSUER and AUTHPLANE_RESOURCE, or the "AuthPlane" section.
builder.Services.AddAuthPlane(builder.Configuration);

var app = builder.Build();
app.UseAuthPlane();                         // metadata endpoint, authentication, authorization, scope gate
app.MapMcp("/mcp").RequireAuthorization();  // every MCP request needs a valid AuthPlane access token
app.Run();
// end snippet
