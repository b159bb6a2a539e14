using Mandate.Core.Users;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfUserStore(IDbContextFactory<MandateDbContext> factory) : IUserStore
{
    public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = Normalize(username);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUsername).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(cancellationToken);
    }

    public async Task<bool> AddAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Users.Add(new UserEntity
        {
            Id = user.Id,
            Username = user.Username,
            NormalizedUsername = Normalize(user.Username),
            PasswordHash = user.PasswordHash,
            CreatedAt = user.CreatedAt,
            MustChangePassword = user.MustChangePassword,
            IsAdmin = user.IsAdmin,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    public async Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = Normalize(username);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.NormalizedUsername == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash).SetProperty(u => u.MustChangePassword, mustChange), cancellationToken) > 0;
    }

    public async Task<bool> SetAdminAsync(string username, bool isAdmin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = Normalize(username);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.NormalizedUsername == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, isAdmin), cancellationToken) > 0;
    }

    private static string Normalize(string username) => username.Trim().ToUpperInvariant();

    private static User ToModel(UserEntity e) => new()
    {
        Id = e.Id,
        Username = e.Username,
        PasswordHash = e.PasswordHash,
        CreatedAt = e.CreatedAt,
        MustChangePassword = e.MustChangePassword,
        IsAdmin = e.IsAdmin,
    };
}
