using System.Buffers;
using System.Text;
using System.Text.Unicode;
using AuthPlane.Sdk.AspNetCore.Authentication;
using AuthPlane.Sdk.Challenges;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>
/// Enforces <see cref="RequireScopeAttribute"/> before the MCP SDK answers. When no tool, prompt or resource
/// declares a scope it does nothing at all. Otherwise, for POSTs to an MCP endpoint, it reads the body once into a
/// pooled buffer sized to it, decodes it as the MCP SDK does (UTF-8 with or without BOM, or the declared charset),
/// reads the JSON-RPC envelope (<see cref="McpEnvelope"/>) and hands the same buffer back as the request body.
/// A scoped target reached without an AuthPlane token gets the 401 challenge naming the scopes; one whose scopes the
/// token lacks gets 403 <c>insufficient_scope</c> with <c>scope</c> = granted ∪ required. A body it cannot read is
/// answered 415 (unknown charset) or 400 (bytes invalid in it), never passed on; malformed JSON is passed to the MCP
/// SDK, which answers its parse error.
/// </summary>
internal sealed class ScopeGateMiddleware
{
    private const int SmallBody = 1024;

    private static readonly AuthPlaneErrorResponse TooLarge =
        new(StatusCodes.Status413PayloadTooLarge, [], AuthPlaneErrorCodes.InvalidRequest, "The request body is too large");

    private static readonly AuthPlaneErrorResponse DuplicateMembers =
        new(StatusCodes.Status400BadRequest, [], AuthPlaneErrorCodes.InvalidRequest, "The JSON-RPC body repeats a member name");

    private static readonly AuthPlaneErrorResponse UnsupportedCharset =
        new(StatusCodes.Status415UnsupportedMediaType, [], AuthPlaneErrorCodes.InvalidRequest, "The request content type or charset is not supported; send application/json in UTF-8");

    private static readonly AuthPlaneErrorResponse UndecodableBody =
        new(StatusCodes.Status400BadRequest, [], AuthPlaneErrorCodes.InvalidRequest, "The request body is not valid in its declared charset");

    private readonly RequestDelegate _next;
    private readonly McpServerOptions _server;
    private readonly long _maxBytes;
    private readonly string _scheme;
    private readonly ILogger _logger;
    private volatile int _scoped; // 0 unknown, 1 nothing declares a scope, 2 something does

    public ScopeGateMiddleware(
        RequestDelegate next,
        IOptions<McpServerOptions> mcpOptions,
        IOptions<AuthPlaneAspNetCoreOptions> options,
        AuthPlaneSchemeName scheme,
        ILogger<ScopeGateMiddleware> logger)
    {
        _next = next;
        _server = mcpOptions.Value;
        _maxBytes = options.Value.MaxRequestBodyBytes;
        _scheme = scheme.Name;
        _logger = logger;
        Watch(_server.ToolCollection);
        Watch(_server.PromptCollection);
        Watch(_server.ResourceCollection);
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !McpEndpointCatalog.IsMcpEndpoint(context.GetEndpoint()))
        {
            return _next(context);
        }

        // A content type or charset the MCP SDK's JSON reader would throw on (a 500) is answered here, body unread.
        var encoding = Charset(context.Request.ContentType, out var unsupported);
        if (unsupported)
        {
            const string problem = "unsupported content type or charset";
            AuthPlaneLog.RequestBodyUnreadable(_logger, problem);
            return AuthPlaneResponseWriter.WriteAsync(context.Response, UnsupportedCharset);
        }

        return AnyScoped() ? GateAsync(context, encoding) : _next(context);
    }

    private async Task GateAsync(HttpContext context, Encoding? encoding)
    {
        var request = context.Request;
        if (request.ContentLength > _maxBytes)
        {
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        var body = await ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await RefuseTooLargeAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.RegisterForDispose(body);
        request.Body = body;
        var targets = new Targets(_server);
        var outcome = ReadEnvelope(encoding, body.Content, targets, out var refusal);
        if (refusal is not null)
        {
            var problem = refusal.ErrorDescription;
            AuthPlaneLog.RequestBodyUnreadable(_logger, problem);
            await AuthPlaneResponseWriter.WriteAsync(context.Response, refusal).ConfigureAwait(false);
            return;
        }

        if (outcome == McpEnvelopeStatus.DuplicateMember)
        {
            await AuthPlaneResponseWriter.WriteAsync(context.Response, DuplicateMembers).ConfigureAwait(false);
            return;
        }

        if (targets.Required is { Count: > 0 } required)
        {
            var token = context.User.GetAuthPlaneToken();
            if (token is null || !token.HasScopes(required))
            {
                await RefuseAsync(context, token, targets.Description, required).ConfigureAwait(false);
                return;
            }
        }

        await _next(context).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext context, VerifiedToken? token, string target, List<string> required)
    {
        var properties = new AuthenticationProperties();
        var requiredText = string.Join(' ', required);
        properties.Items[AuthPlaneAuthenticationDefaults.RequiredScopesItem] = requiredText;
        if (token is null)
        {
            AuthPlaneLog.ScopedTargetWithoutToken(_logger, target, requiredText);

            await context.ChallengeAsync(_scheme, properties).ConfigureAwait(false);
            return;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var missing = string.Join(' ', required.Where(scope => !token.Scopes.Contains(scope, StringComparer.Ordinal)));
            AuthPlaneLog.InsufficientScope(_logger, target, token.ClientId, token.Subject, missing);
        }

        await context.ForbidAsync(_scheme, properties).ConfigureAwait(false);
    }

    private static McpEnvelopeStatus ReadEnvelope(Encoding? encoding, ReadOnlySpan<byte> body, Targets targets, out AuthPlaneErrorResponse? refusal)
    {
        refusal = null;
        if (encoding is null)
        {
            // UTF-8, as the MCP SDK's JSON reader takes it: an optional BOM, then bytes that must be valid UTF-8.
            if (body.StartsWith("\uFEFF"u8))
            {
                body = body[3..];
            }

            if (!Utf8.IsValid(body))
            {
                refusal = UndecodableBody;
                return McpEnvelopeStatus.Malformed;
            }

            return McpEnvelope.Read(body, targets, Targets.Add);
        }

        // Another declared charset (utf-16, utf-16be, utf-32, ...): rare, so decoded to UTF-8 in one step.
        string text;
        try
        {
            text = encoding.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            refusal = UndecodableBody;
            return McpEnvelopeStatus.Malformed;
        }

        var utf8 = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
        return McpEnvelope.Read(utf8, targets, Targets.Add);
    }

    // Null for UTF-8 (no charset, or utf-8); otherwise a strict decoder of the declared charset. Unsupported, as
    // ASP.NET Core's ReadFromJsonAsync (which the MCP SDK uses) would refuse it: a media type that is not JSON, or a
    // charset Encoding.GetEncoding does not know (taken as sent, quotes included, as ASP.NET Core takes it; UTF-7).
    private static Encoding? Charset(string? contentType, out bool unsupported)
    {
        unsupported = false;
        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase)
            || string.Equals(contentType, "application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null; // what MCP clients send: no parse
        }

        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            unsupported = true;
            return null;
        }

        var charset = mediaType.Charset.ToString();
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            unsupported = true;
            return null;
        }
    }

    private async Task<BufferedRequestBody?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var size = request.ContentLength is > 0 and var length ? (int)length : SmallBody;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 16));
        var written = 0;
        try
        {
            while (true)
            {
                if (written == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                written += read;
                if (written > _maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new BufferedRequestBody(buffer, written);
    }

    private Task RefuseTooLargeAsync(HttpContext context)
    {
        AuthPlaneLog.RequestBodyTooLarge(_logger, _maxBytes);
        return AuthPlaneResponseWriter.WriteAsync(context.Response, TooLarge);
    }

    private bool AnyScoped()
    {
        if (_scoped == 0)
        {
            _scoped = DeclaredScopesPostConfigure.Primitives(_server).Any(p => McpScopeRequirements.ForPrimitive(p).Count > 0) ? 2 : 1;
        }

        return _scoped == 2;
    }

    private void Watch<T>(McpServerPrimitiveCollection<T>? collection)
        where T : IMcpServerPrimitive
    {
        if (collection is not null)
        {
            collection.Changed += (_, _) => _scoped = 0;
        }
    }

    /// <summary>The scopes the body's targets require, collected while the envelope is read.</summary>
    private sealed class Targets(McpServerOptions server)
    {
        public List<string>? Required { get; private set; }

        public string Description { get; private set; } = "MCP request";

        public static void Add(Targets targets, string method, string target)
        {
            var scopes = McpScopeRequirements.ForTarget(targets.Server, method, target);
            if (scopes.Count == 0)
            {
                return;
            }

            targets.Description = method + " " + target;
            targets.Required ??= [];
            foreach (var scope in scopes)
            {
                if (!targets.Required.Contains(scope, StringComparer.Ordinal))
                {
                    targets.Required.Add(scope);
                }
            }
        }

        private McpServerOptions Server => server;
    }
}
