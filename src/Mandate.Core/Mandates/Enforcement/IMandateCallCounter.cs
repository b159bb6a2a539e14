namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// The durable call counters of mandate grants, shared by every gateway instance. Counting is one atomic conditional
/// update per counter (<c>calls = calls + 1 WHERE calls &lt; max</c>), all of a call's counters in one transaction, so
/// concurrent calls on any number of instances never pass a limit and never lose a count.
/// </summary>
public interface IMandateCallCounter
{
    /// <summary>Counts one call on every charge, all or none: null when counted, else the first charge at its limit.</summary>
    Task<CallCharge?> TryCountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken);

    /// <summary>Gives back a count taken by <see cref="TryCountAsync"/> for a call that was then not made.</summary>
    Task UncountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken);

    /// <summary>The calls counted so far on a grant's tool (0 when none).</summary>
    Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken);

    /// <summary>Forgets the counters of mandates that expired before <paramref name="now"/>.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
