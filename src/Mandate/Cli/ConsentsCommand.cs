using System.CommandLine;
using System.Globalization;
using Mandate.Core.Consents;
using Mandate.Core.Users;
using Mandate.Server.Http;

namespace Mandate.Cli;

/// <summary>mandate consents list|revoke: what each person has allowed, and withdrawing it.</summary>
public static class ConsentsCommand
{
    private static readonly Argument<string> Username = new("username") { Description = "The user." };
    private static readonly Argument<string> ClientId = new("client-id") { Description = "The client whose consent to withdraw." };

    public static Command Create()
    {
        var list = new Command("list", "List a user's consents.") { Username };
        list.SetAction(ListAsync);
        var revoke = new Command("revoke", "Withdraw a user's consent for a client and end its refresh tokens.") { Username, ClientId };
        revoke.SetAction(RevokeAsync);
        return new Command("consents", "Inspect and withdraw consents.") { list, revoke };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var user = await context.Get<IUserStore>().FindByUsernameAsync(parse.GetValue(Username)!, cancellationToken);
        if (user is null)
        {
            return Output.Fail("No such user.");
        }

        var consents = await context.Get<ConsentService>().ListAsync(user.Id, cancellationToken);
        if (context.Json)
        {
            Output.JsonArray(consents, (w, c) =>
            {
                w.WriteString("client_id", c.ClientId);
                w.WriteString("resource", c.Resource);
                w.WriteStringArray("scopes", c.Scopes);
                w.WriteString("granted_at", c.GrantedAt.ToString("o", CultureInfo.InvariantCulture));
            });
        }
        else
        {
            Output.Table(["CLIENT_ID", "RESOURCE", "SCOPES", "GRANTED"], consents.Select(c => (IReadOnlyList<string>)[c.ClientId, c.Resource, string.Join(' ', c.Scopes), c.GrantedAt.ToString("u", CultureInfo.InvariantCulture)]));
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var user = await context.Get<IUserStore>().FindByUsernameAsync(parse.GetValue(Username)!, cancellationToken);
        if (user is null)
        {
            return Output.Fail("No such user.");
        }

        var clientId = parse.GetValue(ClientId)!;
        var removed = await context.Get<ConsentService>().RevokeAsync(user.Id, clientId, "an operator", cancellationToken);
        if (context.Json)
        {
            Output.JsonObject(w => w.WriteNumber("revoked", removed));
        }
        else
        {
            Console.Out.WriteLine(removed > 0 ? $"Withdrew {removed} consent(s) of {user.Username} for {clientId}." : "Nothing to withdraw.");
        }

        return 0;
    }
}
