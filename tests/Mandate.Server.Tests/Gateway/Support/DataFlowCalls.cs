using System.Net;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>One tools/call at "mailbox": the status and, when refused, the JSON-RPC error.</summary>
public static class DataFlowCalls
{
    public static async Task<(HttpStatusCode Status, int? ErrorCode, string? Message)> CallAsync(MandateGatewayFixture fixture, string token, string tool, object arguments)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("mailbox"), token, McpHttp.Call(1, tool, arguments));
        var answer = await McpHttp.ResponseAsync(response, 1);
        return answer.TryGetProperty("error", out var error)
            ? (response.StatusCode, error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString())
            : (response.StatusCode, null, null);
    }
}
