namespace Mandate.Cli;

/// <summary>Reads a password from standard input (first line), so it never appears in argv or shell history.</summary>
public static class PasswordInput
{
    public static async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await Console.In.ReadLineAsync(cancellationToken);
        return line?.TrimEnd('\r', '\n');
    }
}
