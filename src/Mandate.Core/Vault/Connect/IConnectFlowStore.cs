namespace Mandate.Core.Vault.Connect;

/// <summary>Started connect flows by <c>state</c>: short-lived and single use (taking one removes it).</summary>
public interface IConnectFlowStore
{
    void Add(string state, PendingConnect value);

    PendingConnect? Take(string state, DateTimeOffset now);
}
