using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

internal static class TargetPlans
{
    /// <param name="codesPath">auth-code: the codes file, overriding the target's codes_file.</param>
    public static TargetPlan For(FileInfo file, LoadMode mode, string? codesPath = null)
    {
        if (mode == LoadMode.McpCall)
        {
            var mcp = TargetFile.LoadMcp(file);
            var calls = new McpCallRequests(mcp);
            return new TargetPlan(mcp.Name, new RequestPhases(calls, calls, calls), McpResultCheck.Instance, McpCallProbe.RunAsync);
        }

        var target = TargetFile.Load(file);
        var path = codesPath ?? target.CodesFile;
        var codes = mode == LoadMode.AuthCode && path is not null ? CodeFile.Read(path) : null;
        return new TargetPlan(target.Name, RequestPhases.For(target, mode, codes), StatusOkCheck.Instance, TokenResponseProbe.RunAsync);
    }
}
