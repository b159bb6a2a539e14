namespace Mandate.Core.Gateway.DataFlow;

/// <summary>What a tool does with data, for the private-then-egress rule (docs/mandates.md).</summary>
[Flags]
public enum DataFlowLabels
{
    None = 0,

    /// <summary>Returns the person's private data (mail, files, messages).</summary>
    Private = 1,

    /// <summary>Sends data out of the person's control (mail, web requests, posts).</summary>
    Egress = 2,
}
