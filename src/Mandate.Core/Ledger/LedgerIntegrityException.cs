namespace Mandate.Core.Ledger;

/// <summary>The stored ledger is not what it appended: the server refuses to append to it (run `mandate ledger verify`).</summary>
public sealed class LedgerIntegrityException : Exception
{
    public LedgerIntegrityException()
    {
    }

    public LedgerIntegrityException(string message)
        : base(message)
    {
    }

    public LedgerIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
