namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// The durable rows behind <see cref="IMandateCallCounter"/>: per (grant, tool) the calls counted so far. Several
/// processes may share one store, so a count is always a conditional update in the store (<c>calls = calls + 1 WHERE
/// calls &lt; max</c>), never read-then-write.
/// </summary>
public interface IMandateCallCountStore
{
    /// <summary>
    /// Applies the changes in order in one transaction, each all or none on its own: the result at a change's index is
    /// null when it was applied, or the first of its charges at its limit (nothing of that change is kept; the others
    /// are unaffected). A give-back is always applied (a counter never goes below 0). Throws when the transaction
    /// fails; then none of the changes is known to be applied.
    /// </summary>
    Task<IReadOnlyList<CallCharge?>> ApplyAsync(IReadOnlyList<CountChange> changes, CancellationToken cancellationToken);

    /// <summary>The calls counted so far on a grant's tool (0 when none).</summary>
    Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken);

    /// <summary>Forgets the counters of mandates that expired before <paramref name="now"/>.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
