using System.CommandLine;
using System.Globalization;
using Mandate.Core.Audit;

namespace Mandate.Cli;

/// <summary>mandate audit list: the most recent audit events (the ledger's last entries), newest first. `mandate ledger tail` and `search` read the same entries.</summary>
public static class AuditCommand
{
    private static readonly Option<int> Limit = new("--limit") { Description = "How many events (1 to 10000; default 50).", DefaultValueFactory = _ => 50 };

    public static Command Create()
    {
        var list = new Command("list", "List the most recent audit events, newest first.") { Limit };
        list.SetAction(ListAsync);
        return new Command("audit", "Read the audit trail.") { list };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var limit = parse.GetValue(Limit);
        if (limit is < 1 or > 10000)
        {
            return Output.Fail("--limit must be between 1 and 10000.");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var recorded = await context.Get<IAuditReader>().SearchAsync(new AuditQuery { Limit = limit, NewestFirst = true }, cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(recorded, (w, r) =>
            {
                w.WriteNumber("id", r.Id);
                Write(w, r.Event);
            });
        }
        else
        {
            Output.Table(
                ["ID", "TIME", "KIND", "DECISION", "UPSTREAM", "TOOL", "CLIENT", "SUBJECT", "ACTORS", "REASON"],
                recorded.Select(r => (r.Id, e: r.Event)).Select(x => (IReadOnlyList<string>)
                [
                    x.Id.ToString(CultureInfo.InvariantCulture), x.e.Timestamp.ToString("u", CultureInfo.InvariantCulture), x.e.Kind, x.e.Decision, x.e.Upstream ?? "-", x.e.Tool ?? "-", x.e.ClientId ?? "-", x.e.Subject ?? "-", ActorList(x.e.ActorChain), x.e.Reason ?? "-",
                ]));
        }

        return 0;
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, AuditEvent e)
    {
        w.WriteString("timestamp", e.Timestamp.ToString("o", CultureInfo.InvariantCulture));
        w.WriteString("kind", e.Kind);
        w.WriteString("decision", e.Decision);
        w.WriteString("reason", e.Reason);
        w.WriteString("subject", e.Subject);
        w.WriteString("client_id", e.ClientId);
        w.WriteString("token_id", e.TokenId);
        w.WriteString("upstream", e.Upstream);
        w.WriteString("resource", e.Resource);
        w.WriteString("method", e.Method);
        w.WriteString("scope", e.Scope);
        w.WriteString("tool", e.Tool);
        w.WriteString("arguments_digest", e.ArgumentsDigest);
        if (e.LatencyMs is { } latency)
        {
            w.WriteNumber("latency_ms", latency);
        }

        if (e.UpstreamStatus is { } status)
        {
            w.WriteNumber("upstream_status", status);
        }

        if (e.RelatesTo is { } relatesTo)
        {
            w.WriteNumber("relates_to", relatesTo);
        }

        w.WriteString("source_address", e.SourceAddress);
        w.WriteString("correlation_id", e.CorrelationId);

        if (e.ActorChain is not null)
        {
            w.WritePropertyName("act");
            w.WriteRawValue(e.ActorChain);
        }
    }

    /// <summary>The act chain as client ids, current first, separated by " &lt; ", or "-".</summary>
    private static string ActorList(string? chain)
    {
        if (chain is null)
        {
            return "-";
        }

        using var document = System.Text.Json.JsonDocument.Parse(chain);
        var actor = Core.Tokens.Actor.Read(document.RootElement);
        return actor is null ? "-" : string.Join(" < ", actor.Chain().Select(a => a.ClientId));
    }
}
