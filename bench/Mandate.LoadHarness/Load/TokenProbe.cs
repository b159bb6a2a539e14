namespace Mandate.LoadHarness.Load;

/// <summary>What the single pre-flight response looked like, to confirm both servers issue comparable tokens.</summary>
internal sealed record TokenProbe(string TokenFormat, int ResponseBytes)
{
    public override string ToString() => $"{TokenFormat}, {ResponseBytes} byte response";
}
