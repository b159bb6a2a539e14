namespace Mandate.Core.Ledger;

/// <summary>An entry ready to append: its bytes (RFC 8785 JSON), its RFC 9162 leaf hash, and the event it says (after redaction and limits), whose fields the store indexes.</summary>
public sealed record LedgerRecord(byte[] Entry, byte[] LeafHash, Audit.AuditEvent Event);
