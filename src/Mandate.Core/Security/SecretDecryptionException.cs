namespace Mandate.Core.Security;

/// <summary>
/// A value stored encrypted could not be decrypted: the data-protection keys are missing or not the ones that encrypted
/// it (another data directory, deleted keys), or the value was tampered with.
/// </summary>
public sealed class SecretDecryptionException : Exception
{
    public SecretDecryptionException()
    {
    }

    public SecretDecryptionException(string message)
        : base(message)
    {
    }

    public SecretDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
