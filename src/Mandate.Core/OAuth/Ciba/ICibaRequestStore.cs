namespace Mandate.Core.OAuth.Ciba;

/// <summary>The CIBA columns of approval requests, durable with them (same database).</summary>
public interface ICibaRequestStore
{
    Task AddAsync(CibaRequest request, CancellationToken cancellationToken);

    Task<CibaRequest?> FindByAuthReqIdHashAsync(string authReqIdHash, CancellationToken cancellationToken);

    /// <summary>
    /// Records a token request at <paramref name="now"/>: in time when no earlier poll set a later earliest time. A poll
    /// too soon raises the interval by 5 seconds (CIBA section 11, slow_down); either way the next earliest time is now
    /// plus the interval. Concurrent polls: at most one is in time.
    /// </summary>
    Task<CibaPollOutcome> RecordPollAsync(string approvalId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ping-mode requests whose approval was decided or expired (not yet redeemed: a client holding its tokens needs no ping) and whose client has not been pinged.</summary>
    Task<IReadOnlyList<CibaRequest>> ListUnnotifiedPingsAsync(CancellationToken cancellationToken);

    /// <summary>Marks the ping sent; true for exactly one caller.</summary>
    Task<bool> MarkNotifiedAsync(string approvalId, DateTimeOffset now, CancellationToken cancellationToken);
}
