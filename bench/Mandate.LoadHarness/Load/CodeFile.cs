namespace Mandate.LoadHarness.Load;

/// <summary>Reads "code verifier" lines from a file, or from standard input when the path is "-".</summary>
internal static class CodeFile
{
    public static IReadOnlyList<CodeVerifierPair> Read(string path)
    {
        using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
        var pairs = new List<CodeVerifierPair>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length > 0)
            {
                pairs.Add(new CodeVerifierPair(parts[0], parts.Length > 1 ? parts[1] : null));
            }
        }

        return pairs;
    }

    public static async Task WriteAsync(string path, IEnumerable<CodeVerifierPair> pairs, CancellationToken cancellationToken)
    {
        var lines = pairs.Select(pair => pair.ToString());
        if (path == "-")
        {
            foreach (var line in lines)
            {
                await Console.Out.WriteLineAsync(line.AsMemory(), cancellationToken);
            }

            return;
        }

        await File.WriteAllLinesAsync(path, lines, cancellationToken);
    }
}
