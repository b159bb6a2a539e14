namespace Mandate.Core.Vault.Connect;

/// <summary>How a callback ended: the connector now connected, or a message safe to show the person.</summary>
public sealed record ConnectOutcome(string? Connector, string? Error)
{
    public bool Success => Error is null;
}
