using System.CommandLine;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Cli;

/// <summary>The optional pass/fail goals of <c>compare</c>: token-endpoint goals, or the gateway's overhead goals (mcp-call).</summary>
internal sealed class GoalOptionSet
{
    private readonly Option<double?> ratio = new("--goal-ratio") { Description = "Token modes: expect first/second throughput >= this" };
    private readonly Option<double?> p99 = new("--goal-p99-ms") { Description = "Token modes: expect the first target's p99 below this" };
    private readonly Option<double?> rps = new("--goal-rps") { Description = "Token modes: expect the first target's req/s >= this" };
    private readonly Option<double?> share = new("--goal-share-percent") { Description = "mcp-call: expect first (gateway) req/s >= this % of second (direct)" };
    private readonly Option<double?> addedP50 = new("--goal-added-p50-ms") { Description = "mcp-call: expect first p50 - second p50 below this" };
    private readonly Option<double?> addedP99 = new("--goal-added-p99-ms") { Description = "mcp-call: expect first p99 - second p99 below this" };

    public void AddTo(Command command)
    {
        foreach (var option in new[] { ratio, p99, rps, share, addedP50, addedP99 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Prints the comparison line and a PASS/FAIL line per goal set; true when all pass.</summary>
    public bool Report(ParseResult result, LoadMode mode, RunResult first, RunResult second)
    {
        if (mode == LoadMode.McpCall)
        {
            var overhead = new GatewayOverhead(first, second);
            Console.WriteLine(overhead);
            return new OverheadGoalCheck(result.GetValue(share), result.GetValue(addedP50), result.GetValue(addedP99)).Report(overhead);
        }

        var comparison = new Comparison(first, second);
        Console.WriteLine(comparison);
        return new GoalCheck(result.GetValue(ratio), result.GetValue(p99), result.GetValue(rps)).Report(comparison);
    }
}
