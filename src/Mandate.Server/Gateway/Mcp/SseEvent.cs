namespace Mandate.Server.Gateway.Mcp;

/// <summary>One server-sent event: its bytes exactly as received (blank line included) and its data, if any.</summary>
public sealed record SseEvent(ReadOnlyMemory<byte> Raw, string? Data);
