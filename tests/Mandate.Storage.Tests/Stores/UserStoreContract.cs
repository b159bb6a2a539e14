using Mandate.Core.Users;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class UserStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfUserStore Store => new(Factory);

    [Fact]
    public async Task Add_ThenFind_RoundTrips()
    {
        var user = new User { Id = "u1", Username = "Alice", PasswordHash = "hash", CreatedAt = Now, MustChangePassword = true };

        Assert.True(await Store.AddAsync(user, CancellationToken.None));

        Assert.Equal(user, await Store.FindByIdAsync("u1", CancellationToken.None));
        Assert.Equal(user, await Store.FindByUsernameAsync("Alice", CancellationToken.None));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData(" Alice ")]
    public async Task FindByUsername_CaseInsensitive(string lookup)
    {
        await Store.AddAsync(new User { Id = "u1", Username = "Alice", PasswordHash = "h", CreatedAt = Now }, CancellationToken.None);

        Assert.Equal("u1", (await Store.FindByUsernameAsync(lookup, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Add_SameUsernameOtherCase_RefusedAndFirstKept()
    {
        await Store.AddAsync(new User { Id = "u1", Username = "alice", PasswordHash = "h1", CreatedAt = Now }, CancellationToken.None);

        Assert.False(await Store.AddAsync(new User { Id = "u2", Username = "ALICE", PasswordHash = "h2", CreatedAt = Now }, CancellationToken.None));
        Assert.Equal(1, await Store.CountAsync(CancellationToken.None));
        Assert.Equal("h1", (await Store.FindByUsernameAsync("alice", CancellationToken.None))!.PasswordHash);
    }

    [Fact]
    public async Task Find_Unknown_Null()
    {
        Assert.Null(await Store.FindByUsernameAsync("nobody", CancellationToken.None));
        Assert.Null(await Store.FindByIdAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task ListAndCount()
    {
        await Store.AddAsync(new User { Id = "u1", Username = "zoe", PasswordHash = "h", CreatedAt = Now }, CancellationToken.None);
        await Store.AddAsync(new User { Id = "u2", Username = "Bob", PasswordHash = "h", CreatedAt = Now }, CancellationToken.None);

        Assert.Equal(["Bob", "zoe"], (await Store.ListAsync(CancellationToken.None)).Select(u => u.Username));
        Assert.Equal(2, await Store.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SetPassword_UpdatesHashAndFlag()
    {
        await Store.AddAsync(new User { Id = "u1", Username = "alice", PasswordHash = "old", CreatedAt = Now, MustChangePassword = true }, CancellationToken.None);

        Assert.True(await Store.SetPasswordAsync("ALICE", "new", mustChange: false, CancellationToken.None));

        var user = (await Store.FindByIdAsync("u1", CancellationToken.None))!;
        Assert.Equal("new", user.PasswordHash);
        Assert.False(user.MustChangePassword);
    }

    [Fact]
    public async Task SetPassword_UnknownUser_False()
    {
        Assert.False(await Store.SetPasswordAsync("nobody", "new", mustChange: false, CancellationToken.None));
    }
}
