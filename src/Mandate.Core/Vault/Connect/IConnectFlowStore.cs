namespace Mandate.Core.Vault.Connect;

/// <summary>Started connect flows by <c>state</c>: short-lived and single use (taking one removes it).</summary>
public interface IConnectFlowStore
{
    /// <summary>Keeps a started flow; expired ones are dropped, and past a bound the oldest go first.</summary>
    void Add(string state, PendingConnect value, DateTimeOffset now);

    PendingConnect? Take(string state, DateTimeOffset now);
}
