using System.CommandLine;

namespace Mandate.Cli;

/// <summary>Options every command takes.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (SQLite database and signing keys). Default: ./.mandate, or MANDATE_DataDir.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON.",
        Recursive = true,
    };
}
