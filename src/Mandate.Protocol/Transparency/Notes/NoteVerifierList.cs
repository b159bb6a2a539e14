using System.Text;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>
/// The keys a reader trusts, and the rules of c2sp.org/signed-note for checking a note with them: signatures by
/// unknown keys (name and key ID together) are ignored; every signature by a known key must verify, or the note is
/// refused; at least one must verify.
/// </summary>
public sealed class NoteVerifierList
{
    private readonly Dictionary<(string Name, uint KeyId), List<NoteVerifier>> verifiers = [];

    /// <summary>Makes the list. Two verifiers with the same name and key ID make that key ambiguous (refused when used).</summary>
    public NoteVerifierList(params IEnumerable<NoteVerifier> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var verifier in known)
        {
            var key = (verifier.Name, verifier.KeyId);
            if (!verifiers.TryGetValue(key, out var list))
            {
                verifiers[key] = list = [];
            }

            list.Add(verifier);
        }
    }

    /// <summary>Parses and verifies a note. Never throws for bad input.</summary>
    public NoteVerificationResult Open(ReadOnlySpan<byte> utf8Note) =>
        SignedNote.TryParse(utf8Note, out var note) ? Verify(note) : new(NoteVerificationStatus.Malformed, null, [], []);

    /// <summary>Verifies a parsed note. Never throws for bad input.</summary>
    public NoteVerificationResult Verify(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var message = Encoding.UTF8.GetBytes(note.Text);
        var verified = new List<NoteSignature>();
        var unknown = new List<NoteSignature>();
        foreach (var signature in note.Signatures)
        {
            if (!verifiers.TryGetValue((signature.KeyName, signature.KeyId), out var candidates))
            {
                if (!unknown.Exists(u => SameLine(u, signature)))
                {
                    unknown.Add(signature);
                }

                continue;
            }

            var keyName = $"{signature.KeyName}+{NoteEncoding.FormatKeyId(signature.KeyId)}";
            if (candidates.Count > 1)
            {
                return new(NoteVerificationStatus.AmbiguousKey, note, [], [], keyName);
            }

            // Repeated signatures by one key are all checked (the spec says known keys' signatures MUST be
            // verified), and the key is listed once.
            if (!candidates[0].Verify(message, signature.Signature))
            {
                return new(NoteVerificationStatus.InvalidSignature, note, [], [], keyName);
            }

            if (!verified.Exists(v => v.KeyName == signature.KeyName && v.KeyId == signature.KeyId))
            {
                verified.Add(signature);
            }
        }

        var status = verified.Count == 0 ? NoteVerificationStatus.NoKnownSignature : NoteVerificationStatus.Verified;
        return new(status, note, verified, unknown);
    }

    private static bool SameLine(NoteSignature a, NoteSignature b) =>
        a.KeyName == b.KeyName && a.KeyId == b.KeyId && a.Signature.AsSpan().SequenceEqual(b.Signature);
}
