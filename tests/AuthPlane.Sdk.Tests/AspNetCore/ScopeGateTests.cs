using System.Net;
using System.Text;
using AuthPlane.Sdk.AspNetCore;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class ScopeGateTests
{
    private const string WriteCall = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_calendar","arguments":{}}}""";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    public async Task Scoped_call_in_a_bom_or_declared_charset_body_still_gets_the_403(string charset)
    {
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        var (bytes, contentType) = charset switch
        {
            "utf-16" => (Encoding.Unicode.GetBytes(WriteCall), "application/json; charset=utf-16"),
            "utf-16be" => (Encoding.BigEndianUnicode.GetBytes(WriteCall), "application/json; charset=utf-16be"),
            _ => ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(WriteCall)], "application/json"),
        };

        using var response = await PostAsync(http, bytes, contentType);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", Assert.Single(response.Headers.GetValues("WWW-Authenticate")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-7", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=x-not-a-charset", HttpStatusCode.UnsupportedMediaType)]
    public async Task Body_in_a_charset_the_gate_cannot_read_is_refused_not_passed_on(string contentType, HttpStatusCode expected)
    {
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var response = await PostAsync(http, Encoding.ASCII.GetBytes(WriteCall), contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("""{"error":"invalid_request""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_with_400()
    {
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_calendar","arguments":{"t":"""), 0x22, 0xC3, 0x28, 0x22, .. "}}}"u8];

        using var response = await PostAsync(http, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Scoped_tool_on_a_public_mcp_endpoint_gets_the_401_challenge_with_its_scope_never_a_result()
    {
        await using var host = await McpTestHost.StartAsync(
            McpTestHost.LiteralTokens(TestRequestVerifier.Create()),
            configureAspNetCore: options => options.AllowAnonymousMcp = true,
            mcpRequiresAuthorization: false);
        using var anonymous = host.CreateHttpClient();

        using var scoped = await McpTestHost.PostJsonRpcAsync(anonymous, WriteCall);
        using var open = await McpTestHost.PostJsonRpcAsync(anonymous, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"public_echo","arguments":{"text":"hi"}}}""");

        Assert.Equal(HttpStatusCode.Unauthorized, scoped.StatusCode);
        var challenges = scoped.Headers.GetValues("WWW-Authenticate").ToList();
        Assert.All(challenges, c => Assert.Contains("scope=\"calendar:read calendar:write\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.DoesNotContain("error=", c, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task Start_up_fails_naming_the_fix_when_the_mcp_endpoint_has_no_authorization()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()), mcpRequiresAuthorization: false));

        Assert.Contains("app.MapMcp(\"/mcp\").RequireAuthorization()", error.Message, StringComparison.Ordinal);
        Assert.Contains("AuthPlane:AllowAnonymousMcp=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_bodies_mutated_at_random_never_get_a_5xx_through_the_gate()
    {
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()));
        using var http = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);
        var random = new Random(20261130);
        string[] seeds =
        [
            WriteCall,
            """{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"calendar://events/1"}}""",
            """{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"secret_prompt"}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """[{"jsonrpc":"2.0","id":4,"method":"tools/list"}]""",
        ];
        string[] contentTypes = ["application/json", "application/json; charset=utf-16", "application/json; charset=utf-16be", "application/json; charset=\"utf-8\"", "text/plain"];

        for (var i = 0; i < 600; i++)
        {
            var body = Mutate(Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]), random);
            using var response = await PostAsync(http, body, contentTypes[random.Next(contentTypes.Length)]);

            Assert.True((int)response.StatusCode < 500, $"case {i}: {(int)response.StatusCode} for {Convert.ToBase64String(body)}");
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var steps = random.Next(1, 4);
        for (var step = 0; step < steps && bytes.Count > 0; step++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)random.Next(0x80, 0x100)); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', random.Next(1, 300)))); break;
                case 4: bytes.InsertRange(at, "99999999999999999999999999e999999"u8.ToArray()); break;
                case 5: bytes.InsertRange(at, ",\"Name\":\"admin_reset\""u8.ToArray()); break;
                default: bytes.InsertRange(0, Encoding.UTF8.GetPreamble()); break;
            }
        }

        return [.. bytes];
    }
}
