using System.CommandLine;
using System.Globalization;
using Mandate.Core.Users;
using Mandate.Core.Vault.Connections;

namespace Mandate.Cli;

/// <summary>mandate connections list: which people connected which connectors, and their state; never the credentials.</summary>
public static class ConnectionsCommand
{
    private static readonly Option<string?> Connector = new("--connector") { Description = "Only connections to this connector." };
    private static readonly Option<string?> User = new("--user") { Description = "Only this user's connections (username)." };

    public static Command Create()
    {
        var list = new Command("list", "List connections: user, connector, status, expiry; never the credentials.") { Connector, User };
        list.SetAction(ListAsync);
        return new Command("connections", "See people's connections to connectors (credential vault).") { list };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var users = context.Get<IUserStore>();
        var store = context.Get<IConnectionStore>();
        IReadOnlyList<Connection> connections;
        if (parse.GetValue(User) is { } username)
        {
            var user = await users.FindByUsernameAsync(username, cancellationToken);
            if (user is null)
            {
                return Output.Fail("No such user.");
            }

            connections = await store.ListForUserAsync(user.Id, cancellationToken);
            connections = parse.GetValue(Connector) is { } only ? connections.Where(c => c.Connector == only).ToList() : connections;
        }
        else
        {
            connections = await store.ListAsync(parse.GetValue(Connector), cancellationToken);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in connections.Select(c => c.UserId).Distinct(StringComparer.Ordinal))
        {
            names[id] = (await users.FindByIdAsync(id, cancellationToken))?.Username ?? id;
        }

        if (context.Json)
        {
            Output.JsonArray(connections, (w, c) =>
            {
                w.WriteString("user", names[c.UserId]);
                w.WriteString("user_id", c.UserId);
                w.WriteString("connector", c.Connector);
                w.WriteString("status", Status(c.Status));
                w.WriteString("scope", c.Scope);
                w.WriteString("expires_at", Time(c.ExpiresAt));
                w.WriteString("refresh_due_at", Time(c.RefreshDueAt));
                w.WriteString("last_refreshed_at", Time(c.LastRefreshedAt));
                w.WriteString("last_error", c.LastError);
                w.WriteString("connected_at", Time(c.CreatedAt));
            });
        }
        else
        {
            Output.Table(["USER", "CONNECTOR", "STATUS", "EXPIRES", "LAST_REFRESH", "ERROR"], connections.Select(c => (IReadOnlyList<string>)[
                names[c.UserId], c.Connector, Status(c.Status), Time(c.ExpiresAt) ?? "", Time(c.LastRefreshedAt) ?? "", c.LastError ?? ""]));
        }

        return 0;
    }

    private static string Status(ConnectionStatus status) => status == ConnectionStatus.Connected ? "connected" : "reconnect-needed";

    private static string? Time(DateTimeOffset? time) => time?.ToString("u", CultureInfo.InvariantCulture);
}
