namespace Mandate.Core.Gateway;

public enum ToolPolicyOutcome
{
    Done = 0,
    UnknownUpstream = 1,
    UnknownTool = 2,
    NothingPending = 3,
}
