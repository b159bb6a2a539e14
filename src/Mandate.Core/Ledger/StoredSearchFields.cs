namespace Mandate.Core.Ledger;

/// <summary>The fields a store repeats beside an entry so that search (the CLI, the Activity page) need not parse entries.</summary>
public sealed record StoredSearchFields(DateTimeOffset Timestamp, string Kind, string Decision, string? Subject, string? ClientId, string? Upstream, string? Tool)
{
    /// <summary>The names of the fields that differ from the entry's, empty when they all agree.</summary>
    public IReadOnlyList<string> Differences(Audit.AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var differ = new List<string>();
        if (Timestamp.UtcTicks != entry.Timestamp.UtcTicks)
        {
            differ.Add("time");
        }

        void Compare(string name, string? stored, string? actual)
        {
            if (!string.Equals(stored, actual, StringComparison.Ordinal))
            {
                differ.Add(name);
            }
        }

        Compare("kind", Kind, entry.Kind);
        Compare("decision", Decision, entry.Decision);
        Compare("sub", Subject, entry.Subject);
        Compare("client_id", ClientId, entry.ClientId);
        Compare("upstream", Upstream, entry.Upstream);
        Compare("tool", Tool, entry.Tool);
        return differ;
    }
}
