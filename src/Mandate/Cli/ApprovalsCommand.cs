using System.CommandLine;
using System.Globalization;
using Mandate.Core.Approvals;
using Mandate.Core.Users;

namespace Mandate.Cli;

/// <summary>mandate approvals list|approve|deny: pending approval requests (CIBA sign-ins, held tool calls) for operators.</summary>
public static class ApprovalsCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The approval request's id (from `approvals list`)." };
    private static readonly Option<string?> User = new("--user") { Description = "Only this person's requests (username)." };

    public static Command Create()
    {
        var list = new Command("list", "List pending approval requests, oldest first.") { User };
        list.SetAction(ListAsync);
        var approve = new Command("approve", "Approve a pending request on the person's behalf (recorded as decided by \"cli\").") { Id };
        approve.SetAction((parse, ct) => DecideAsync(parse, approve: true, ct));
        var deny = new Command("deny", "Deny a pending request (recorded as decided by \"cli\").") { Id };
        deny.SetAction((parse, ct) => DecideAsync(parse, approve: false, ct));
        return new Command("approvals", "See and decide pending approval requests.") { list, approve, deny };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var users = context.Get<IUserStore>();
        string? subject = null;
        if (parse.GetValue(User) is { } username)
        {
            subject = (await users.FindByUsernameAsync(username, cancellationToken))?.Id;
            if (subject is null)
            {
                return Output.Fail("No such user.");
            }
        }

        var pending = await context.Get<ApprovalService>().ListPendingAsync(subject, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in pending.Select(p => p.Subject).Distinct(StringComparer.Ordinal))
        {
            names[id] = (await users.FindByIdAsync(id, cancellationToken))?.Username ?? id;
        }

        if (context.Json)
        {
            Output.JsonArray(pending, (w, p) =>
            {
                w.WriteString("id", p.Id);
                w.WriteString("kind", p.Kind == ApprovalKind.Ciba ? "ciba" : "tool_call");
                w.WriteString("user", names[p.Subject]);
                w.WriteString("subject", p.Subject);
                w.WriteString("client_id", p.ClientId);
                WriteOptional(w, "binding_message", p.BindingMessage);
                WriteOptional(w, "scope", p.Scope);
                WriteOptional(w, "upstream", p.Upstream);
                WriteOptional(w, "tool", p.Tool);
                WriteOptional(w, "arguments", p.ArgumentsPreview);
                WriteOptional(w, "reason", p.Reason);
                w.WriteBoolean("has_mandate", p.AuthorizationDetails is not null);
                w.WriteString("created_at", p.CreatedAt.ToString("o", CultureInfo.InvariantCulture));
                w.WriteString("expires_at", p.ExpiresAt.ToString("o", CultureInfo.InvariantCulture));
            });
        }
        else
        {
            Output.Table(
                ["ID", "KIND", "USER", "CLIENT", "WHAT", "EXPIRES"],
                pending.Select(p => (IReadOnlyList<string>)[
                    p.Id,
                    p.Kind == ApprovalKind.Ciba ? "ciba" : "tool_call",
                    names[p.Subject],
                    p.ClientId,
                    Describe(p),
                    p.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)]));
        }

        return 0;
    }

    private static async Task<int> DecideAsync(ParseResult parse, bool approve, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(Id)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (!await context.Get<ApprovalService>().DecideAsync(id, "cli", approve, subject: null, cancellationToken))
        {
            return Output.Fail($"No pending approval request {id} (unknown, already decided, or expired).");
        }

        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("id", id);
                w.WriteString("status", approve ? "approved" : "denied");
            });
        }
        else
        {
            Console.Out.WriteLine(approve ? $"Approved {id}." : $"Denied {id}.");
        }

        return 0;
    }

    private static string Describe(ApprovalRequest p)
    {
        var what = p.Kind == ApprovalKind.ToolCall ? $"{p.Upstream}/{p.Tool}" : p.Scope ?? "";
        if (p.AuthorizationDetails is not null)
        {
            what = (what + " +mandate").Trim();
        }

        return p.BindingMessage is null ? what : $"{what} [{p.BindingMessage}]".Trim();
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
