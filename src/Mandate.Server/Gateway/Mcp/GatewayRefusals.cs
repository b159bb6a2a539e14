using Mandate.Core.Gateway.Authorization;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The words and codes of a refused request's JSON-RPC errors and audit reasons: which limit refused which call, and
/// for the other calls of a refused batch, that the batch holds one. Names tools and argument paths, never values.
/// </summary>
public sealed class GatewayRefusals(GatewayDecision decision)
{
    private readonly bool holdsDenied = decision.Calls.Any(c => c.Outcome == GatewayOutcome.Deny);
    private readonly CallDecision? first = decision.Calls.FirstOrDefault(c => GatewayDecision.IsRefusal(c.Outcome));

    public string AuditReason(CallDecision call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Outcome switch
        {
            GatewayOutcome.Deny => "tool denied by policy",
            GatewayOutcome.MandateRefused => "mandate: " + call.Reason,
            GatewayOutcome.DataFlowDenied => "data flow: " + call.Reason,
            GatewayOutcome.RequiresApproval => call.Reason + " (in a batch, which cannot be held: refused)",
            _ => holdsDenied ? "batch holds a denied tool" : "batch holds a refused call",
        };
    }

    public int Code(CallDecision call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CodeOf(GatewayDecision.IsRefusal(call.Outcome) ? call.Outcome : holdsDenied ? GatewayOutcome.Deny : first?.Outcome ?? GatewayOutcome.Deny);
    }

    public string Message(CallDecision call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tool = call.Call.Tool;
        return call.Outcome switch
        {
            GatewayOutcome.Deny => $"Tool '{tool}' is denied by the gateway's policy.",
            GatewayOutcome.MandateRefused when tool is null => $"Refused by the task mandate: {call.Reason}.",
            GatewayOutcome.MandateRefused => $"Tool '{tool}' refused by the task mandate: {call.Reason}.",
            GatewayOutcome.DataFlowDenied => $"Tool '{tool}' refused: it sends data out, and this grant or session has read private data.",
            GatewayOutcome.RequiresApproval => $"Tool '{tool}' needs a person's approval ({call.Reason}), which the gateway asks for only for a call sent alone, not in a batch: send it by itself.",
            _ => holdsDenied ? "Refused: the batch holds a call to a tool denied by the gateway's policy." : "Refused: the batch holds a refused call.",
        };
    }

    private static int CodeOf(GatewayOutcome outcome) => outcome switch
    {
        GatewayOutcome.MandateRefused => GatewayErrorCodes.MandateRefused,
        GatewayOutcome.DataFlowDenied => GatewayErrorCodes.DataFlowRefused,
        GatewayOutcome.RequiresApproval => GatewayErrorCodes.ApprovalNotPossible,
        _ => GatewayErrorCodes.ToolDenied,
    };
}
