using System.CommandLine;
using Mandate.Core.Security;
using Mandate.Core.Users;

namespace Mandate.Cli;

/// <summary>mandate users add|list|passwd|admin.</summary>
public static class UsersCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The username." };
    private static readonly Option<bool> PasswordStdin = new("--password-stdin") { Description = "Read the password from the first line of standard input." };
    private static readonly Option<bool> Admin = new("--admin") { Description = "Make the user an administrator (sees everyone's activity in the console)." };
    private static readonly Option<bool> Revoke = new("--revoke") { Description = "Take administrator rights away instead." };

    public static Command Create()
    {
        var add = new Command("add", "Create a user.") { Name, PasswordStdin, Admin };
        add.SetAction(AddAsync);
        var list = new Command("list", "List users.");
        list.SetAction(ListAsync);
        var passwd = new Command("passwd", "Set a user's password.") { Name, PasswordStdin };
        passwd.SetAction(PasswdAsync);
        var admin = new Command("admin", "Make a user an administrator, or with --revoke, no longer one.") { Name, Revoke };
        admin.SetAction(AdminAsync);
        return new Command("users", "Manage the people who sign in to Mandate.") { add, list, passwd, admin };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        if (UsernamePolicy.Check(name) is { } nameError)
        {
            return Output.Fail(nameError);
        }

        var password = await ReadPasswordAsync(parse, cancellationToken);
        if (password.Error is not null)
        {
            return Output.Fail(password.Error);
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var user = new User
        {
            Id = "usr_" + RandomTokens.Create(12),
            Username = name,
            PasswordHash = PasswordHasher.Hash(password.Value!),
            CreatedAt = context.Get<TimeProvider>().GetUtcNow(),
            IsAdmin = parse.GetValue(Admin),
        };
        if (!await context.Get<IUserStore>().AddAsync(user, cancellationToken))
        {
            return Output.Fail($"A user named '{name}' already exists.");
        }

        await context.Get<Core.Audit.AdminAudit>().RecordAsync(Core.Audit.AdminAudit.UserAdded, $"user '{name}' created{(user.IsAdmin ? " as an administrator" : "")}", cancellationToken, subject: user.Id);

        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("id", user.Id);
                w.WriteString("username", user.Username);
            });
        }
        else
        {
            Console.Out.WriteLine($"Created user {user.Username} ({user.Id}).");
        }

        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var users = await context.Get<IUserStore>().ListAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(users, (w, u) =>
            {
                w.WriteString("id", u.Id);
                w.WriteString("username", u.Username);
                w.WriteString("created_at", u.CreatedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteBoolean("must_change_password", u.MustChangePassword);
                w.WriteBoolean("admin", u.IsAdmin);
            });
        }
        else
        {
            Output.Table(["USERNAME", "ID", "CREATED", "ADMIN"], users.Select(u => (IReadOnlyList<string>)[u.Username, u.Id, u.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), u.IsAdmin ? "yes" : ""]));
        }

        return 0;
    }

    private static async Task<int> PasswdAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        var password = await ReadPasswordAsync(parse, cancellationToken);
        if (password.Error is not null)
        {
            return Output.Fail(password.Error);
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (!await context.Get<IUserStore>().SetPasswordAsync(name, PasswordHasher.Hash(password.Value!), mustChange: false, cancellationToken))
        {
            return Output.Fail($"No user named '{name}'.");
        }

        await context.Get<Core.Audit.AdminAudit>().RecordAsync(Core.Audit.AdminAudit.PasswordSet, $"password set for user '{name}'", cancellationToken);

        if (context.Json)
        {
            Output.JsonObject(w => w.WriteString("username", name));
        }
        else
        {
            Console.Out.WriteLine($"Password changed for {name}.");
        }

        return 0;
    }

    private static async Task<(string? Value, string? Error)> ReadPasswordAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!parse.GetValue(PasswordStdin))
        {
            return (null, "Pass the password on standard input with --password-stdin (never as an argument).");
        }

        var password = await PasswordInput.ReadAsync(cancellationToken);
        return PasswordPolicy.Check(password) is { } error ? (null, error) : (password, null);
    }

    private static async Task<int> AdminAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Name)!;
        var isAdmin = !parse.GetValue(Revoke);
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (!await context.Get<IUserStore>().SetAdminAsync(name, isAdmin, cancellationToken))
        {
            return Output.Fail($"No user named '{name}'.");
        }

        await context.Get<Core.Audit.AdminAudit>().RecordAsync(
            Core.Audit.AdminAudit.AdminSet, isAdmin ? $"user '{name}' made an administrator" : $"administrator rights taken from user '{name}'", cancellationToken);
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("username", name);
                w.WriteBoolean("admin", isAdmin);
            });
        }
        else
        {
            Console.Out.WriteLine(isAdmin ? $"{name} is now an administrator." : $"{name} is no longer an administrator.");
        }

        return 0;
    }
}
