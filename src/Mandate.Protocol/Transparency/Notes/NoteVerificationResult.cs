namespace Mandate.Protocol.Transparency.Notes;

/// <summary>What <see cref="NoteVerifierList"/> found in a note.</summary>
/// <param name="Status">The outcome; only <see cref="NoteVerificationStatus.Verified"/> lets the text be trusted.</param>
/// <param name="Note">The parsed note, unless it was malformed.</param>
/// <param name="Verified">The signatures by known keys that verified, one per key.</param>
/// <param name="Unknown">The signatures by keys not known (ignored), identical lines once.</param>
/// <param name="FailedKey">For <see cref="NoteVerificationStatus.InvalidSignature"/> and <see cref="NoteVerificationStatus.AmbiguousKey"/>, the key (<c>name+hexid</c>).</param>
public sealed record NoteVerificationResult(
    NoteVerificationStatus Status,
    SignedNote? Note,
    IReadOnlyList<NoteSignature> Verified,
    IReadOnlyList<NoteSignature> Unknown,
    string? FailedKey = null)
{
    /// <summary>True when the note's text can be trusted.</summary>
    public bool IsVerified => Status == NoteVerificationStatus.Verified;
}
