namespace Mandate.Storage.Entities;

public sealed class ConsentEntity
{
    public string UserId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string Resource { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset GrantedAt { get; set; }
}
