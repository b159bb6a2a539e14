namespace Mandate.Storage.Entities;

/// <summary>Hosts of client ID metadata documents someone has consented to; a new host earns a warning on the consent page.</summary>
public sealed class KnownClientHostEntity
{
    public string Host { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }
}
