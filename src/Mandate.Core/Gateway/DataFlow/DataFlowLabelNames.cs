namespace Mandate.Core.Gateway.DataFlow;

/// <summary>The labels' words on the command line, in the audit and in the docs.</summary>
public static class DataFlowLabelNames
{
    public static string Name(DataFlowLabels labels) => labels switch
    {
        DataFlowLabels.None => "none",
        DataFlowLabels.Private => "private",
        DataFlowLabels.Egress => "egress",
        _ => "private,egress",
    };

    /// <summary>"private", "egress", "private,egress" or "none".</summary>
    public static bool TryParse(string? value, out DataFlowLabels labels)
    {
        labels = DataFlowLabels.None;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var word in value.Split(',', StringSplitOptions.TrimEntries))
        {
            switch (word)
            {
                case "private":
                    labels |= DataFlowLabels.Private;
                    break;
                case "egress":
                    labels |= DataFlowLabels.Egress;
                    break;
                case "none" when value.Trim() == "none":
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
