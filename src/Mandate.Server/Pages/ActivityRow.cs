using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;
using Mandate.Core.Tokens;

namespace Mandate.Server.Pages;

/// <summary>One ledger entry as the Activity page shows it: when, what was decided, what it was about, and who acted (the whole delegation chain).</summary>
public sealed record ActivityRow(long Id, string Time, string Kind, string Decision, string What, string Acting, string? Person, string? Reason)
{
    public static ActivityRow From(RecordedAuditEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var e = recorded.Event;
        return new ActivityRow(recorded.Id, LedgerEntryWriter.FormatTime(e.Timestamp), e.Kind, e.Decision, DescribeWhat(e), DescribeActing(e), e.Subject, e.Reason);
    }

    /// <summary>"agent, for orchestrator, for the app the person authorized": the current actor first, back to the first.</summary>
    public static string DescribeActing(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.ActorChain is { } json && Read(json) is { } actor)
        {
            return string.Join(", for ", actor.Chain().Select(a => a.ClientId));
        }

        return e.ClientId ?? "";
    }

    private static string DescribeWhat(AuditEvent e)
    {
        var parts = new List<string>();
        if (e.Upstream is not null || e.Tool is not null)
        {
            parts.Add(string.Join(" / ", new[] { e.Upstream, e.Tool }.OfType<string>()));
        }
        else if (e.Resource is not null)
        {
            parts.Add(e.Resource);
        }

        if (e.Method is not null && e.Tool is null)
        {
            parts.Add(e.Method);
        }

        if (e.Scope is not null)
        {
            parts.Add("scope " + e.Scope);
        }

        return string.Join(" · ", parts);
    }

    private static Actor? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Actor.Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
