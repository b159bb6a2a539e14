using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Protocol.Transparency.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed-note text that states a log's tree head. Lines:
/// origin, tree size (decimal, no leading zeros), base64 root hash (RFC 9162 SHA-256), then optional non-empty
/// extension lines, each ending in a newline.
/// </summary>
public sealed class Checkpoint
{
    private readonly byte[] rootHash;

    /// <summary>Makes a checkpoint to sign.</summary>
    /// <exception cref="ArgumentException">An empty or multi-line origin or extension, a negative size, or a root hash that is not 32 bytes.</exception>
    public Checkpoint(string origin, long treeSize, ReadOnlySpan<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin is one non-empty line.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        extensions ??= [];
        if (!extensions.All(IsValidLine))
        {
            throw new ArgumentException("Extension lines are non-empty single lines.", nameof(extensions));
        }

        Origin = origin;
        TreeSize = treeSize;
        this.rootHash = rootHash.ToArray();
        Extensions = [.. extensions];
    }

    /// <summary>The log's identity, e.g. <c>example.com/log42</c>.</summary>
    public string Origin { get; }

    /// <summary>The number of leaves in the tree.</summary>
    public long TreeSize { get; }

    /// <summary>The tree's RFC 9162 root hash (32 bytes).</summary>
    public ReadOnlySpan<byte> RootHash => rootHash;

    /// <summary>The extension lines, opaque (C2SP does not recommend them: log monitors cannot audit them).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Parses a checkpoint's note text (the text of the signed note, not yet checked against the origin). Never throws.</summary>
    public static bool TryParse(string? noteText, [NotNullWhen(true)] out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (noteText is null || !noteText.EndsWith('\n'))
        {
            return false;
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3 || !IsValidLine(lines[0]) || !TryParseSize(lines[1], out var size)
            || !IsCanonicalBase64Hash(lines[2], out var root) || !lines[3..].All(IsValidLine))
        {
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root, lines[3..]);
        return true;
    }

    /// <summary>
    /// Parses a signed checkpoint, verifies it with the known keys (c2sp.org/signed-note rules) and checks its
    /// origin. Never throws for bad input.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> signedNote, NoteVerifierList verifiers, string expectedOrigin, [NotNullWhen(true)] out Checkpoint? checkpoint, out NoteVerificationResult verification)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        verification = verifiers.Open(signedNote);
        checkpoint = null;
        return verification.IsVerified && TryParse(verification.Note!.Text, out checkpoint)
            && string.Equals(checkpoint.Origin, expectedOrigin, StringComparison.Ordinal);
    }

    /// <summary>The note text: origin, size, base64 root and extension lines, each with its newline.</summary>
    public string ToNoteText()
    {
        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(rootHash)).Append('\n');
        foreach (var line in Extensions)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Signs the checkpoint (the log's key name should be the origin).</summary>
    public SignedNote Sign(params IEnumerable<NoteSigner> signers) => SignedNote.Sign(ToNoteText(), signers);

    private static bool IsValidLine(string? line) =>
        !string.IsNullOrEmpty(line) && !line.Contains('\n', StringComparison.Ordinal) && NoteText.IsValidText(line + "\n");

    private static bool TryParseSize(string line, out long size)
    {
        size = 0;
        return line.Length > 0 && line.All(char.IsAsciiDigit) && (line == "0" || line[0] != '0')
            && long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    private static bool IsCanonicalBase64Hash(string line, [NotNullWhen(true)] out byte[]? hash)
    {
        hash = new byte[MerkleHash.Size];
        if (line.Length != 44 || !Convert.TryFromBase64String(line, hash, out var written) || written != MerkleHash.Size
            || Convert.ToBase64String(hash) != line)
        {
            hash = null;
            return false;
        }

        return true;
    }
}
