namespace Mandate.Core.Audit;

/// <summary>An event as the ledger holds it: its audit id (ledger index), the entry bytes (RFC 8785 JSON) and the event read from them.</summary>
public sealed record RecordedAuditEvent(long Id, byte[] Entry, AuditEvent Event);
