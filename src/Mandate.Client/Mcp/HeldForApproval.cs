namespace Mandate.Client.Mcp;

/// <summary>
/// The gateway holds a tool call until a person approves it: what the agent can tell its user ("approve the call on
/// your Approvals page") while it waits.
/// </summary>
/// <param name="ApprovalId">The approval request's id (not a credential: only the person, signed in, or an operator decides).</param>
/// <param name="ExpiresAt">When the gateway stops waiting and fails the call.</param>
/// <param name="WaitedSeconds">How long the call has been held (0 on the first notice).</param>
public sealed record HeldForApproval(string ApprovalId, DateTimeOffset ExpiresAt, double WaitedSeconds);
