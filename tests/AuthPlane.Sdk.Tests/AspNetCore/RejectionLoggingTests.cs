using System.Net;
using Xunit;

namespace AuthPlane.Sdk.Tests.AspNetCore;

public class RejectionLoggingTests
{
    [Fact]
    public async Task Rejections_are_logged_with_reason_and_client_id_never_the_token()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await McpTestHost.StartAsync(McpTestHost.LiteralTokens(TestRequestVerifier.Create()), logs: logs);
        using var expired = host.CreateHttpClient("Bearer " + TestRequestVerifier.ExpiredToken);
        using var readOnly = host.CreateHttpClient("Bearer " + TestRequestVerifier.ReadToken);

        using var rejected = await McpTestHost.PostJsonRpcAsync(expired, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        using var forbidden = await McpTestHost.PostJsonRpcAsync(readOnly, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_calendar"}}""");

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var entries = logs.Entries.ToList();
        Assert.Contains(entries, e => e.EventId.Id == 5001 && e.Message == "AuthPlane rejected the request credentials: TokenExpired (invalid_token), scheme Bearer, client unknown");
        Assert.Contains(entries, e => e.EventId.Id == 5004 && e.Message == "AuthPlane refused tools/call write_calendar for client client-1 (sub alice): missing scope(s) calendar:write");
        Assert.DoesNotContain(entries, e => e.Message.Contains("token-", StringComparison.Ordinal));
    }
}
