using System.Buffers;
using System.Text.Json;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Enforces <see cref="RequireScopeAttribute"/> before the MCP SDK answers: for authenticated POSTs to an MCP
/// endpoint it reads the JSON-RPC body once (a single message or a batch, up to a size cap), resolves every
/// <c>tools/call</c>, <c>prompts/get</c> and <c>resources/read</c> target among the registered primitives, and
/// answers HTTP 403 <c>insufficient_scope</c> with <c>scope</c> = granted ∪ required when any scope is missing.
/// The body is buffered and rewound so the MCP SDK reads it again. Malformed JSON is passed through (the MCP
/// SDK answers the JSON-RPC parse error); unauthenticated requests are left to <c>RequireAuthorization()</c>.
/// </summary>
internal sealed class ScopeGateMiddleware(
    RequestDelegate next,
    IOptions<McpServerOptions> mcpOptions,
    IOptions<AuthPlaneAspNetCoreOptions> options,
    AuthPlaneChallenges challenges,
    ILogger<ScopeGateMiddleware> logger)
{
    private static readonly AuthPlaneErrorResponse TooLarge =
        new(StatusCodes.Status413PayloadTooLarge, [], AuthPlaneErrorCodes.InvalidRequest, "The request body is too large");

    private static readonly AuthPlaneErrorResponse DuplicateMembers =
        new(StatusCodes.Status400BadRequest, [], AuthPlaneErrorCodes.InvalidRequest, "The JSON-RPC body repeats a member name");

    // Duplicate members are refused: the gate and the MCP SDK's deserializer could otherwise pick different
    // values of a repeated "name" and a scoped call could hide behind an unscoped one.
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private const long InitialBufferCap = 64 * 1024;

    private readonly long _maxBytes = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !McpEndpointCatalog.IsMcpEndpoint(context.GetEndpoint())
            || context.User.GetAuthPlaneToken() is not { } token)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            AuthPlaneLog.RequestBodyTooLarge(logger, _maxBytes);
            await AuthPlaneResponseWriter.WriteAsync(context.Response, TooLarge).ConfigureAwait(false);
            return;
        }

        var required = RequiredScopes(body.Value, out var duplicateMembers);
        if (duplicateMembers)
        {
            await AuthPlaneResponseWriter.WriteAsync(context.Response, DuplicateMembers).ConfigureAwait(false);
            return;
        }

        if (required.Count > 0 && !token.HasScopes(required))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var missing = string.Join(' ', required.Where(scope => !token.Scopes.Contains(scope, StringComparer.Ordinal)));
                AuthPlaneLog.InsufficientScope(logger, "MCP request", token.ClientId, token.Subject, missing);
            }

            var scheme = context.Features.Get<IAuthPlaneVerificationFeature>()?.Result.Scheme;
            await AuthPlaneResponseWriter.WriteAsync(context.Response, challenges.ForInsufficientScope(scheme, token.Scopes, required)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _maxBytes)
        {
            return null;
        }

        request.EnableBuffering();
        var writer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)Math.Min(length, InitialBufferCap) : 4096);
        while (true)
        {
            var memory = writer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            writer.Advance(read);
            if (writer.WrittenCount > _maxBytes)
            {
                return null;
            }
        }

        request.Body.Position = 0;
        return writer.WrittenMemory;
    }

    private List<string> RequiredScopes(ReadOnlyMemory<byte> body, out bool duplicateMembers)
    {
        var required = new List<string>();
        duplicateMembers = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, StrictJson);
        }
        catch (JsonException)
        {
            // Either a repeated member (refused) or malformed JSON (passed through: the MCP SDK answers the
            // JSON-RPC parse error). Only a body that parses leniently has repeated members.
            duplicateMembers = IsLenientJson(body);
            return required;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in root.EnumerateArray())
                {
                    AddRequired(message, required);
                }
            }
            else
            {
                AddRequired(root, required);
            }
        }

        return required;
    }

    private static bool IsLenientJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var lenient = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Member names are matched case-insensitively and every match counts, so no spelling of "method",
    // "params", "name" or "uri" that a lenient deserializer might accept can slip a target past the gate.
    private void AddRequired(JsonElement message, List<string> required)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var methodMember in Members(message, "method"))
        {
            if (methodMember.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var method = methodMember.GetString()!;
            var targetName = method switch
            {
                McpScopeRequirements.ToolsCall or McpScopeRequirements.PromptsGet => "name",
                McpScopeRequirements.ResourcesRead => "uri",
                _ => null,
            };
            if (targetName is null)
            {
                continue;
            }

            foreach (var parameters in Members(message, "params"))
            {
                if (parameters.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var target in Members(parameters, targetName))
                {
                    if (target.ValueKind == JsonValueKind.String)
                    {
                        AddScopes(McpScopeRequirements.ForTarget(mcpOptions.Value, method, target.GetString()!), required);
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Members(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return member.Value;
            }
        }
    }

    private static void AddScopes(IReadOnlyList<string> scopes, List<string> required)
    {
        foreach (var scope in scopes)
        {
            if (!required.Contains(scope, StringComparer.Ordinal))
            {
                required.Add(scope);
            }
        }
    }
}
