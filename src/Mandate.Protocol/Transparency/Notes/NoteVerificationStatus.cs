namespace Mandate.Protocol.Transparency.Notes;

/// <summary>The outcome of opening a signed note.</summary>
public enum NoteVerificationStatus
{
    /// <summary>At least one signature by a known key verified, and none by a known key failed.</summary>
    Verified,

    /// <summary>The note is not a well-formed signed note.</summary>
    Malformed,

    /// <summary>No signature is by a known key (all were ignored as the spec requires): the text must not be trusted.</summary>
    NoKnownSignature,

    /// <summary>A signature by a known key failed to verify; the whole note is refused.</summary>
    InvalidSignature,

    /// <summary>A signature names a key (name and ID) that more than one known verifier claims.</summary>
    AmbiguousKey,
}
