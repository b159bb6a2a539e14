namespace Mandate.Core.Ledger.Verification;

/// <summary>The problems found, the first <see cref="Limit"/> kept word for word, the rest counted.</summary>
internal sealed class ProblemList
{
    public const int Limit = 100;

    public List<string> Listed { get; } = [];

    public int NotListed { get; private set; }

    public void Add(string problem)
    {
        if (Listed.Count < Limit)
        {
            Listed.Add(problem);
        }
        else
        {
            NotListed++;
        }
    }
}
