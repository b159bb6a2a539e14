using System.Buffers;
using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;

namespace Mandate.Cli;

/// <summary>One ledger entry per line: for people (id, time, kind, decision, then who and what), or JSON lines (<c>{"index":N,"entry":{...}}</c>, the entry byte for byte).</summary>
public static class LedgerLine
{
    public static string Format(RecordedAuditEvent recorded, bool json)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (json)
        {
            var buffer = new ArrayBufferWriter<byte>();
            LedgerJsonLine.Write(buffer, recorded);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        var e = recorded.Event;
        return $"{recorded.Id}  {LedgerEntryWriter.FormatTime(e.Timestamp)}  {e.Kind}  {e.Decision}  {Describe(e)}";
    }

    /// <summary>The fields that are set, as name=value, then the reason.</summary>
    public static string Describe(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + value);
            }
        }

        Add("upstream", e.Upstream);
        Add("method", e.Method);
        Add("tool", e.Tool);
        Add("client", e.ClientId);
        Add("sub", e.Subject);
        Add("status", e.UpstreamStatus);
        Add("call", e.RelatesTo);
        Add("from", e.SourceAddress);
        if (e.Reason is not null)
        {
            parts.Add("- " + e.Reason);
        }

        return string.Join(' ', parts);
    }
}
