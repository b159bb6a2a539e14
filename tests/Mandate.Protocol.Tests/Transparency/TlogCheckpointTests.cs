using System.Text;
using System.Text.Json;
using Mandate.Protocol.Tests.Support;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Protocol.Tests.Transparency;

/// <summary>C2SP tlog-checkpoint: the examples of signed-note-vectors.json (C2SP and Go sumdb/tlog) and the format rules.</summary>
public class TlogCheckpointTests
{
    private static readonly JsonElement[] Examples =
        SharedVectors.Json("transparency-log", "signed-note-vectors.json").RootElement.GetProperty("checkpoint_examples").EnumerateArray().ToArray();

    private static JsonElement GoTree => Examples[1];

    [Fact]
    public void C2spExample_ParsesButHasNoKnownSignature()
    {
        var example = Examples[0];
        var bytes = Encoding.UTF8.GetBytes(example.GetProperty("note").GetString()!);
        Assert.True(SignedNote.TryParse(bytes, out var note));
        Assert.True(Checkpoint.TryParse(note.Text, out var checkpoint));
        Assert.Equal(example.GetProperty("origin").GetString(), checkpoint.Origin);
        Assert.Equal(example.GetProperty("tree_size").GetInt64(), checkpoint.TreeSize);
        Assert.Equal(example.GetProperty("root_hash_base64").GetString(), Convert.ToBase64String(checkpoint.RootHash));
        Assert.Empty(checkpoint.Extensions);
        Assert.Equal("example.com/behind-the-sofa", Assert.Single(note.Signatures).KeyName);

        Assert.False(Checkpoint.TryOpen(bytes, new NoteVerifierList(), checkpoint.Origin, out _, out var verification));
        Assert.Equal(NoteVerificationStatus.NoKnownSignature, verification.Status);
    }

    [Fact]
    public void GoTreeNote_ParsesAndFormatsBackByteForByte()
    {
        var text = GoTree.GetProperty("note_text").GetString()!;
        Assert.True(Checkpoint.TryParse(text, out var checkpoint));
        Assert.Equal("go.sum database tree", checkpoint.Origin);
        Assert.Equal(123456789012, checkpoint.TreeSize);
        Assert.Equal(MerkleHash.HashLeaf("hello world"u8), checkpoint.RootHash.ToArray());
        Assert.Equal(text, new Checkpoint(checkpoint.Origin, checkpoint.TreeSize, checkpoint.RootHash).ToNoteText());
    }

    [Fact]
    public void GoTreeInvalidNotes_AreRefused_OrHaveAnotherOrigin()
    {
        var invalid = GoTree.GetProperty("invalid").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.True(Checkpoint.TryParse(invalid[0], out var otherLog));
        Assert.NotEqual("go.sum database tree", otherLog.Origin);
        Assert.False(Checkpoint.TryParse(invalid[1], out _));
        Assert.False(Checkpoint.TryParse(invalid[2], out _));
    }

    [Fact]
    public void TrailingLines_AreExtensionLines_WhenTheyEndInANewline()
    {
        var junk = GoTree.GetProperty("valid_with_trailing_junk").EnumerateArray().Select(e => e.GetString()!).ToArray();

        // Go's ParseTree ignores trailing bytes; a checkpoint is note text, which always ends in a newline.
        Assert.False(Checkpoint.TryParse(junk[0], out _));
        Assert.True(Checkpoint.TryParse(junk[1], out var checkpoint));
        Assert.Equal(["JOE"], checkpoint.Extensions);
        Assert.Equal(junk[1], checkpoint.ToNoteText());
    }

    [Theory]
    [InlineData("log\n0123\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n+5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n 5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n9223372036854775808\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")]
    [InlineData("log\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n\n")]
    [InlineData("log\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb1=\n")]
    [InlineData("log\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40Hmuw\n")]
    [InlineData("log\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40Hmu Bb0=\n")]
    [InlineData("\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")]
    [InlineData("log\n5\n")]
    [InlineData("")]
    public void MalformedCheckpointText_IsRefused(string text)
    {
        Assert.False(Checkpoint.TryParse(text, out _));
    }

    [Fact]
    public void EmptyTree_HasSizeZeroAndTheEmptyRoot()
    {
        var text = new Checkpoint("example.com/log", 0, MerkleHash.EmptyRoot()).ToNoteText();
        Assert.Equal("example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", text);
        Assert.True(Checkpoint.TryParse(text, out var checkpoint));
        Assert.Equal(0, checkpoint.TreeSize);
    }

    [Fact]
    public void SignedCheckpoints_OpenWithTheLogKeyOnly_AndProveConsistency()
    {
        using var log = NoteSigner.Generate("mandate.example/ledger");
        using var stranger = NoteSigner.Generate("mandate.example/ledger");
        var tree = new InMemoryMerkleTree();
        var notes = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            tree.AppendLeaf(Encoding.UTF8.GetBytes($"{{\"event\":{i}}}"));
            if (i is 6 or 19)
            {
                notes.Add(new Checkpoint("mandate.example/ledger", tree.Size, tree.Root(), ["extension"]).Sign(log).ToUtf8());
            }
        }

        var verifiers = new NoteVerifierList(NoteVerifier.Parse(log.Verifier.ToString()));
        Assert.True(Checkpoint.TryOpen(notes[0], verifiers, "mandate.example/ledger", out var older, out _));
        Assert.True(Checkpoint.TryOpen(notes[1], verifiers, "mandate.example/ledger", out var newer, out _));
        Assert.Equal(["extension"], newer.Extensions);
        Assert.True(MerkleProofVerifier.VerifyConsistency(older.TreeSize, newer.TreeSize, tree.ConsistencyProof(7, 20), older.RootHash, newer.RootHash));

        Assert.False(Checkpoint.TryOpen(notes[1], verifiers, "mandate.example/other", out _, out var wrongOrigin));
        Assert.True(wrongOrigin.IsVerified);
        Assert.False(Checkpoint.TryOpen(notes[1], new NoteVerifierList(stranger.Verifier), "mandate.example/ledger", out _, out _));
    }

    [Fact]
    public void Constructor_RefusesWhatCouldNotBeParsedBack()
    {
        var root = MerkleHash.EmptyRoot();
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("log", 1, root.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => new Checkpoint("log", 1, root, [""]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("log", -1, root));
    }
}
