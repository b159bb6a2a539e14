using Mandate.Core.Consents;
using Mandate.Core.Tokens;
using Mandate.Core.Users;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class ConsentsCommandTests : IDisposable
{
    private const string Resource = "https://mcp.example.com/mcp";
    private readonly TempDataDir data = new();

    [Fact]
    public async Task List_ShowsTheUsersConsents()
    {
        await SeedAsync();

        var json = await data.RunAsync("consents", "list", "alice", "--json");
        var table = await data.RunAsync("consents", "list", "alice");

        var consent = Assert.Single(json.Json.EnumerateArray());
        Assert.Equal("agent-1", consent.GetProperty("client_id").GetString());
        Assert.Equal(Resource, consent.GetProperty("resource").GetString());
        Assert.Equal(["tools.read"], consent.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("agent-1", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_WithdrawsTheConsent_AndRevokesItsRefreshTokens()
    {
        var refreshHash = await SeedAsync();

        var result = await data.RunAsync("consents", "revoke", "alice", "agent-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Withdrew 1 consent", result.Out, StringComparison.Ordinal);
        Assert.Empty((await data.RunAsync("consents", "list", "alice", "--json")).Json.EnumerateArray());
        Assert.NotNull((await data.Store<IRefreshTokenStore>().FindAsync(refreshHash, CancellationToken.None))!.RevokedAt);
        Assert.Contains("Nothing to withdraw", (await data.RunAsync("consents", "revoke", "alice", "agent-1")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("revoke")]
    public async Task UnknownUser_IsRefused(string command)
    {
        await SeedAsync();

        var result = command == "list" ? await data.RunAsync("consents", "list", "nobody") : await data.RunAsync("consents", "revoke", "nobody", "agent-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No such user", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();

    private async Task<string> SeedAsync()
    {
        Assert.Equal(0, (await data.RunWithInputAsync("a long enough password", "users", "add", "alice", "--password-stdin")).ExitCode);
        var user = await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await data.Store<IConsentStore>().GrantAsync(new Consent { UserId = user!.Id, ClientId = "agent-1", Resource = Resource, Scopes = ["tools.read"], GrantedAt = now }, CancellationToken.None);
        var hash = TokenHashing.Hash("refresh-" + Guid.NewGuid().ToString("N"));
        await data.Store<IRefreshTokenStore>().AddAsync(new RefreshTokenRecord
        {
            TokenHash = hash,
            FamilyId = "family-1",
            ClientId = "agent-1",
            Subject = user.Id,
            Resource = Resource,
            Scopes = ["tools.read"],
            IssuedAt = now,
            ExpiresAt = now.AddDays(1),
        }, CancellationToken.None);
        return hash;
    }
}
