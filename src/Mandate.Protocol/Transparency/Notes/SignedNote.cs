using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one or more
/// signature lines. Parsing only checks the form; the text means nothing until <see cref="NoteVerifierList"/> has
/// verified a signature by a trusted key.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The most signatures a note may carry; C2SP asks verifiers to accept at least 16, Go allows 100.</summary>
    public const int MaxSignatures = 100;

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline (not the blank separator line).</summary>
    public string Text { get; }

    /// <summary>The signatures, in the order they appear.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a note, refusing it (never throwing) when malformed: not UTF-8, a control character other than
    /// newline, no blank line before the signatures, a line that is not a well-formed signature, no final newline, or
    /// more than <see cref="MaxSignatures"/> signatures.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SignedNote? note)
    {
        note = null;
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }

        return TryParse(Encoding.UTF8.GetString(utf8), out note);
    }

    /// <summary>Parses a note held as a string (see <see cref="TryParse(ReadOnlySpan{byte}, out SignedNote)"/>).</summary>
    public static bool TryParse(string? note, [NotNullWhen(true)] out SignedNote? signedNote)
    {
        signedNote = null;
        if (note is null || !NoteText.IsClean(note))
        {
            return false;
        }

        // The text ends at the last blank line; the text may itself hold blank lines.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var block = note.AsSpan(split + 2);
        if (block.IsEmpty || block[^1] != '\n')
        {
            return false;
        }

        var signatures = new List<NoteSignature>();
        foreach (var range in block[..^1].Split('\n'))
        {
            if (signatures.Count == MaxSignatures || !NoteText.TryParseSignatureLine(block[range], out var signature))
            {
                return false;
            }

            signatures.Add(signature);
        }

        signedNote = new SignedNote(note[..(split + 1)], signatures);
        return true;
    }

    /// <summary>Signs a text with each signer.</summary>
    /// <exception cref="ArgumentException">The text is not a valid note text (see <see cref="NoteText.IsValidText"/>).</exception>
    public static SignedNote Sign(string text, params IEnumerable<NoteSigner> signers) => Create(text, [], signers);

    /// <summary>Adds signatures by more signers; an existing signature by the same key (name and ID) is replaced.</summary>
    public SignedNote AddSignatures(params IEnumerable<NoteSigner> signers) => Create(Text, Signatures, signers);

    /// <summary>The note: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.ToLine()).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The note as UTF-8 bytes.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    private static SignedNote Create(string text, IReadOnlyList<NoteSignature> existing, IEnumerable<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (!NoteText.IsValidText(text))
        {
            throw new ArgumentException("A note text is UTF-8 without control characters other than newline, and ends in a newline.", nameof(text));
        }

        var message = Encoding.UTF8.GetBytes(text);
        var signatures = signers.Select(s => new NoteSignature(s.Name, s.KeyId, s.Sign(message))).ToList();
        signatures.AddRange(existing.Where(old => !signatures.Exists(s => s.KeyName == old.KeyName && s.KeyId == old.KeyId)));
        if (signatures.Count is 0 or > MaxSignatures)
        {
            throw new ArgumentException($"A note carries 1 to {MaxSignatures} signatures.", nameof(signers));
        }

        return new SignedNote(text, signatures);
    }
}
