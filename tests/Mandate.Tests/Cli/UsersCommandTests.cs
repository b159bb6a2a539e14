using Mandate.Core.Users;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class UsersCommandTests : IDisposable
{
    private const string Password = "a long enough password";
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Add_WithPasswordOnStdin_CreatesTheUser_WithAVerifiableHash()
    {
        var result = await data.RunWithInputAsync(Password + "\n", "users", "add", "alice", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created user alice", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Out, StringComparison.Ordinal);
        var user = await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None);
        Assert.True(PasswordHasher.Verify(Password, user!.PasswordHash));
    }

    [Fact]
    public async Task List_ShowsUsers_AsTableAndJson()
    {
        await data.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin");
        await data.RunWithInputAsync(Password, "users", "add", "bob", "--password-stdin");

        var table = await data.RunAsync("users", "list");
        var json = await data.RunAsync("users", "list", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("USERNAME", table.Out, StringComparison.Ordinal);
        Assert.Contains("alice", table.Out, StringComparison.Ordinal);
        Assert.Equal(["alice", "bob"], json.Json.EnumerateArray().Select(u => u.GetProperty("username").GetString()).Order());
        Assert.All(json.Json.EnumerateArray(), u => Assert.False(u.TryGetProperty("password_hash", out _)));
    }

    [Fact]
    public async Task Admin_GrantsAndRevokes_AndAddAdminCreatesOne()
    {
        await data.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin");
        await data.RunWithInputAsync(Password, "users", "add", "root", "--password-stdin", "--admin");

        var granted = await data.RunAsync("users", "admin", "alice");
        var afterGrant = (await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None))!.IsAdmin;
        var revoked = await data.RunAsync("users", "admin", "alice", "--revoke");
        var missing = await data.RunAsync("users", "admin", "nobody");

        Assert.Equal((0, 0, 1), (granted.ExitCode, revoked.ExitCode, missing.ExitCode));
        Assert.True(afterGrant);
        Assert.False((await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None))!.IsAdmin);
        Assert.True((await data.Store<IUserStore>().FindByUsernameAsync("root", CancellationToken.None))!.IsAdmin);
        var audit = await data.RunAsync("audit", "list", "--json");
        Assert.Equal(2, audit.Json.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "admin.user_admin_set"));
    }

    [Fact]
    public async Task ShortPassword_IsRefused()
    {
        var result = await data.RunWithInputAsync("short\n", "users", "add", "alice", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 12 characters", result.Error, StringComparison.Ordinal);
        Assert.Empty((await data.RunAsync("users", "list", "--json")).Json.EnumerateArray());
    }

    [Fact]
    public async Task WithoutPasswordStdin_IsRefused()
    {
        var result = await data.RunWithInputAsync(Password, "users", "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateUsername_IsRefused()
    {
        Assert.Equal(0, (await data.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin")).ExitCode);

        var result = await data.RunWithInputAsync("another long password", "users", "add", "alice", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        var user = await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None);
        Assert.True(PasswordHasher.Verify(Password, user!.PasswordHash));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task InvalidUsername_IsRefused(string name)
    {
        var result = await data.RunWithInputAsync(Password, "users", "add", name, "--password-stdin");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Passwd_ReplacesThePassword()
    {
        await data.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin");

        var result = await data.RunWithInputAsync("the new password 42\n", "users", "passwd", "alice", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        var user = await data.Store<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None);
        Assert.True(PasswordHasher.Verify("the new password 42", user!.PasswordHash));
        Assert.False(PasswordHasher.Verify(Password, user.PasswordHash));
    }

    [Theory]
    [InlineData("nobody", "the new password 42", "No user named")]
    [InlineData("alice", "short", "at least 12 characters")]
    public async Task Passwd_RefusesUnknownUserOrShortPassword(string name, string password, string message)
    {
        await data.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin");

        var result = await data.RunWithInputAsync(password, "users", "passwd", name, "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();
}
