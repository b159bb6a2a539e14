namespace Mandate.Core.Users;

public interface IUserStore
{
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Adds the user; false when the username is taken.</summary>
    Task<bool> AddAsync(User user, CancellationToken cancellationToken);

    Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChange, CancellationToken cancellationToken);

    /// <summary>Makes the user an administrator or not; false when there is no such user.</summary>
    Task<bool> SetAdminAsync(string username, bool isAdmin, CancellationToken cancellationToken);
}
