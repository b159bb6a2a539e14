namespace Mandate.Core.Keys;

public interface ISigningKeyStore
{
    Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(SigningKeyRecord key, CancellationToken cancellationToken);

    Task DeleteAsync(string keyId, CancellationToken cancellationToken);
}
