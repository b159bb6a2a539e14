namespace Mandate.LoadHarness.Load;

/// <summary>Prints the first failed response of a target once, so a broken setup is visible at a glance.</summary>
internal sealed class FirstErrorReporter(string targetName)
{
    private const int MaxBodyCharacters = 2_000;
    private int _reported;

    public void Report(string description)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            var text = description.Length > MaxBodyCharacters ? description[..MaxBodyCharacters] + "..." : description;
            Console.Error.WriteLine($"[{targetName}] first error: {text}");
        }
    }
}
