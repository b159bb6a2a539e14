using System.CommandLine;
using System.Globalization;
using Mandate.Core.Audit;

namespace Mandate.Cli;

/// <summary>mandate ledger tail and mandate ledger search: the ledger's entries, oldest first, for people or as JSON lines (--json).</summary>
public static class LedgerReadCommands
{
    private static readonly Option<int> Lines = new("--lines", "-n") { Description = "How many entries (default 20).", DefaultValueFactory = _ => 20 };
    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new entries as they are appended (Ctrl-C stops)." };
    private static readonly Option<string?> User = new("--user") { Description = "The person (sub)." };
    private static readonly Option<string?> Agent = new("--agent") { Description = "The acting client (client_id)." };
    private static readonly Option<string?> Upstream = new("--upstream") { Description = "The gateway upstream." };
    private static readonly Option<string?> Tool = new("--tool") { Description = "The tool." };
    private static readonly Option<string?> Decision = new("--decision") { Description = "allow, deny or error." };
    private static readonly Option<string?> Kind = new("--kind") { Description = "The event kind, e.g. gateway.call." };
    private static readonly Option<string?> Since = new("--since") { Description = "From this time on: RFC 3339 (2026-11-28T10:00:00Z) or an age (30m, 12h, 7d)." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many entries, the oldest matching first (default 1000; 0: all).", DefaultValueFactory = _ => 1000 };

    public static Command CreateTail()
    {
        var tail = new Command("tail", "Print the last entries of the ledger, oldest first.") { Lines, Follow };
        tail.SetAction(TailAsync);
        return tail;
    }

    public static Command CreateSearch()
    {
        var search = new Command("search", "Print the entries that match every filter given, oldest first; with --json, as JSON lines for export.")
        {
            User, Agent, Upstream, Tool, Decision, Kind, Since, Limit,
        };
        search.SetAction(SearchAsync);
        return search;
    }

    /// <summary>Prints entries after <paramref name="after"/> as they come, every half second, until cancelled.</summary>
    internal static async Task FollowAsync(IAuditReader reader, long after, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var found = await reader.SearchAsync(new AuditQuery { AfterId = after, Limit = 1000 }, cancellationToken);
                foreach (var recorded in found)
                {
                    await output.WriteLineAsync(LedgerLine.Format(recorded, json));
                    after = recorded.Id;
                }

                await output.FlushAsync(cancellationToken);
                if (found.Count < 1000)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<int> TailAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var count = parse.GetValue(Lines);
        if (count is < 0 or > 100_000)
        {
            return Output.Fail("--lines must be between 0 and 100000.");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var reader = context.Get<IAuditReader>();
        var last = await reader.SearchAsync(new AuditQuery { Limit = count, NewestFirst = true }, cancellationToken);
        foreach (var recorded in last.Reverse())
        {
            Console.Out.WriteLine(LedgerLine.Format(recorded, context.Json));
        }

        if (parse.GetValue(Follow))
        {
            var after = last.Count > 0 ? last[0].Id : -1;
            await FollowAsync(reader, after, context.Json, Console.Out, cancellationToken);
        }

        return 0;
    }

    private static async Task<int> SearchAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var limit = parse.GetValue(Limit);
        DateTimeOffset? since = null;
        if (parse.GetValue(Since) is { } sinceText)
        {
            if (!TryParseSince(sinceText, TimeProvider.System.GetUtcNow(), out var parsed))
            {
                return Output.Fail("--since is a time (2026-11-28T10:00:00Z) or an age (30m, 12h, 7d).");
            }

            since = parsed;
        }

        if (limit < 0)
        {
            return Output.Fail("--limit must be 0 (all) or more.");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var query = new AuditQuery
        {
            Subject = parse.GetValue(User),
            ClientId = parse.GetValue(Agent),
            Upstream = parse.GetValue(Upstream),
            Tool = parse.GetValue(Tool),
            Decision = parse.GetValue(Decision),
            Kind = parse.GetValue(Kind),
            Since = since,
            Limit = limit == 0 ? int.MaxValue : limit,
        };
        foreach (var recorded in await context.Get<IAuditReader>().SearchAsync(query, cancellationToken))
        {
            Console.Out.WriteLine(LedgerLine.Format(recorded, context.Json));
        }

        return 0;
    }

    internal static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        if (text.Length >= 2 && char.IsAsciiLetter(text[^1]) && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? age = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            since = age is { } a ? now - a : default;
            return age is not null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }
}
