namespace Mandate.LoadHarness.Load;

/// <summary>
/// What the single pre-flight response looked like: the access token's kind (token modes, to confirm both servers
/// issue comparable tokens) or how the JSON-RPC result came back (mcp-call).
/// </summary>
internal sealed record ProbeResult(string Format, int ResponseBytes)
{
    public override string ToString() => $"{Format}, {ResponseBytes} byte response";
}
