namespace Mandate.Storage.Entities;

public sealed class VaultDataKeyEntity
{
    public string Id { get; set; } = "";

    public string MasterKeyId { get; set; } = "";

    /// <summary>The data key wrapped by the master key; never the key itself.</summary>
    public byte[] WrappedKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
