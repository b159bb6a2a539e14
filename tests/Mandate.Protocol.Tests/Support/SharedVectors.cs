using System.Text.Json;

namespace Mandate.Protocol.Tests.Support;

/// <summary>
/// Locates the shared test vectors: <c>../shared/vectors</c> relative to the repository root (the folder holding
/// Mandate.slnx), which is where CI's clean clone and every worktree find them.
/// </summary>
internal static class SharedVectors
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of a file or folder under <c>shared/vectors</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    /// <summary>Parses a JSON vector file.</summary>
    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(PathOf(parts)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mandate.slnx")))
            {
                var vectors = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors"));
                return Directory.Exists(vectors)
                    ? vectors
                    : throw new DirectoryNotFoundException($"Shared test vectors not found at {vectors}.");
            }
        }

        throw new DirectoryNotFoundException("Mandate.slnx not found above " + AppContext.BaseDirectory);
    }
}
