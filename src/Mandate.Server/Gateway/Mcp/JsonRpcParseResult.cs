namespace Mandate.Server.Gateway.Mcp;

/// <summary>The messages of a POST body, or the JSON-RPC error code that refuses it (-32700 or -32600).</summary>
public sealed record JsonRpcParseResult(IReadOnlyList<JsonRpcMessage> Messages, bool IsBatch, int? ErrorCode, string? Error)
{
    public static JsonRpcParseResult Fail(int code, string error) => new([], false, code, error);
}
