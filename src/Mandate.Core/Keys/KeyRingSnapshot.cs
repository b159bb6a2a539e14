using Mandate.Protocol.Jose;

namespace Mandate.Core.Keys;

/// <summary>
/// One immutable view of the keys. Replaced snapshots are not disposed: in-flight requests may still hold them,
/// and the keys are released by the GC.
/// </summary>
internal sealed record KeyRingSnapshot(JwsKey Signing, IReadOnlyList<JwsKey> Verification, ReadOnlyMemory<byte> JwksJson);
