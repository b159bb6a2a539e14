using System.Text;
using System.Text.Json;
using Mandate.Protocol.Tests.Support;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Protocol.Tests.Transparency;

/// <summary>C2SP signed-note: keys, signing, parsing and verification against signed-note-vectors.json (Go sumdb/note and C2SP examples).</summary>
public class SignedNoteTests
{
    private static readonly JsonElement Vectors = SharedVectors.Json("transparency-log", "signed-note-vectors.json").RootElement;
    private static readonly JsonElement Keys = Vectors.GetProperty("keys");
    private static readonly string PeterVkey = Keys.GetProperty("PeterNeumann").GetProperty("verifier_key").GetString()!;
    private static readonly string PeterSkey = Keys.GetProperty("PeterNeumann").GetProperty("signer_key").GetString()!;

    [Theory]
    [InlineData("PeterNeumann")]
    [InlineData("EnochRoot")]
    [InlineData("example.com/foo")]
    public void VerifierKey_Parses_WithItsKeyIdAndPublicKey_AndFormatsBack(string name)
    {
        var key = Keys.GetProperty(name);
        var vkey = key.GetProperty("verifier_key").GetString()!;
        Assert.True(NoteVerifier.TryParse(vkey, out var verifier));
        Assert.Equal(name, verifier.Name);
        Assert.Equal(key.GetProperty("key_id_hex").GetString(), verifier.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(vkey, verifier.ToString());
        if (key.TryGetProperty("ed25519_public_key_hex", out var pub))
        {
            Assert.Equal(pub.GetString(), Convert.ToHexStringLower(verifier.PublicKey));
            Assert.Equal(vkey, NoteVerifier.FromEd25519PublicKey(name, Convert.FromHexString(pub.GetString()!)).ToString());
        }
    }

    [Fact]
    public void SignerKeys_MatchTheirVerifierKeys_AndExportBack()
    {
        Assert.True(NoteSigner.TryParse(PeterSkey, out var peter));
        using (peter)
        {
            Assert.Equal(PeterVkey, peter.Verifier.ToString());
            Assert.Equal(PeterSkey, peter.ExportSignerKey());
        }

        var enoch = Keys.GetProperty("EnochRoot");
        using var fromSeed = NoteSigner.FromEd25519Seed("EnochRoot", Convert.FromHexString(enoch.GetProperty("ed25519_seed_hex").GetString()!));
        Assert.Equal(enoch.GetProperty("verifier_key").GetString(), fromSeed.Verifier.ToString());
        Assert.Equal(enoch.GetProperty("signer_key_computed").GetString(), fromSeed.ExportSignerKey());
    }

    [Fact]
    public void InvalidVerifierKeys_AndEverySubstringAndByteIncrement_AreRefused()
    {
        var refused = Vectors.GetProperty("invalid_verifier_keys").EnumerateArray()
            .Where(v => v.TryGetProperty("vkey", out _)).Select(v => v.GetProperty("vkey").GetString()!).ToList();
        Assert.Equal(2, refused.Count);
        foreach (var key in new[] { PeterVkey, PeterSkey })
        {
            for (var start = 0; start < key.Length; start++)
            {
                for (var end = start + 1; end <= key.Length; end++)
                {
                    if (end - start < key.Length)
                    {
                        refused.Add(key[start..end]);
                    }
                }
            }

            refused.AddRange(Enumerable.Range(0, key.Length).Select(i => key[..i] + (char)(key[i] + 1) + key[(i + 1)..]));
        }

        Assert.All(refused, k => Assert.False(NoteVerifier.TryParse(k, out _) || NoteSigner.TryParse(k, out _), k));
        Assert.True(refused.Count > 2000);
    }

    [Fact]
    public void SignedNoteVectors_GiveTheExpectedOutcome()
    {
        var expected = new Dictionary<string, (NoteVerificationStatus Status, string[] Verified, string[] Unknown)>
        {
            ["PeterNeumann only"] = (NoteVerificationStatus.Verified, ["PeterNeumann"], []),
            ["PeterNeumann + EnochRoot, only Peter known"] = (NoteVerificationStatus.Verified, ["PeterNeumann"], ["EnochRoot"]),
            ["PeterNeumann + EnochRoot, both known"] = (NoteVerificationStatus.Verified, ["PeterNeumann", "EnochRoot"], []),
            ["no known verifier"] = (NoteVerificationStatus.NoKnownSignature, [], ["PeterNeumann", "EnochRoot"]),
            ["duplicated verifier for a used key"] = (NoteVerificationStatus.AmbiguousKey, [], []),
            ["duplicated verifier for an unused key"] = (NoteVerificationStatus.Verified, ["PeterNeumann"], []),
            ["101 copies of a signature line"] = (NoteVerificationStatus.Malformed, [], []),
            ["corrupted known signature"] = (NoteVerificationStatus.InvalidSignature, [], []),
            ["C2SP signed-note example"] = (NoteVerificationStatus.Verified, ["example.com/foo"], []),
        };
        var seen = 0;
        foreach (var vector in Vectors.GetProperty("signed_notes").EnumerateArray())
        {
            var (status, verified, unknown) = expected[vector.GetProperty("name").GetString()!];
            var list = new NoteVerifierList(vector.GetProperty("verifiers").EnumerateArray().Select(v => NoteVerifier.Parse(v.GetString()!)));
            var result = list.Open(Encoding.UTF8.GetBytes(NoteOf(vector)));
            Assert.Equal(status, result.Status);
            Assert.Equal(verified, result.Verified.Select(s => s.KeyName));
            Assert.Equal(unknown, result.Unknown.Select(s => s.KeyName));
            seen++;
        }

        Assert.Equal(expected.Count, seen);
    }

    [Fact]
    public void FailedKey_NamesTheAmbiguousOrFailingKey()
    {
        var notes = Vectors.GetProperty("signed_notes").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        var enochTwice = new NoteVerifierList(NoteVerifier.Parse(Keys.GetProperty("EnochRoot").GetProperty("verifier_key").GetString()!), NoteVerifier.Parse(Keys.GetProperty("EnochRoot").GetProperty("verifier_key").GetString()!));
        Assert.Equal("EnochRoot+af0cfe78", enochTwice.Open(Encoding.UTF8.GetBytes(NoteOf(notes["duplicated verifier for a used key"]))).FailedKey);
        Assert.Equal("PeterNeumann+c74f20a3", new NoteVerifierList(NoteVerifier.Parse(PeterVkey)).Open(Encoding.UTF8.GetBytes(NoteOf(notes["corrupted known signature"]))).FailedKey);
    }

    [Fact]
    public void MalformedNotes_AreRefused()
    {
        var peter = new NoteVerifierList(NoteVerifier.Parse(PeterVkey));
        var count = 0;
        foreach (var vector in Vectors.GetProperty("malformed_notes").EnumerateArray())
        {
            var bytes = vector.TryGetProperty("note_hex_prefix", out var prefix)
                ? [.. Convert.FromHexString(prefix.GetString()!), .. Encoding.UTF8.GetBytes(vector.GetProperty("note_rest").GetString()!)]
                : Encoding.UTF8.GetBytes(vector.GetProperty("note").GetString()!);
            Assert.False(SignedNote.TryParse(bytes, out _), vector.GetProperty("why").GetString());
            Assert.Equal(NoteVerificationStatus.Malformed, peter.Open(bytes).Status);
            count++;
        }

        Assert.Equal(7, count);
    }

    [Fact]
    public void Sign_ProducesTheGoNoteByteForByte_AndReplacesAnOwnEarlierSignature()
    {
        var expectation = Vectors.GetProperty("sign_expectations")[0];
        using var peter = NoteSigner.Parse(expectation.GetProperty("signer_key").GetString()!);
        var note = SignedNote.Sign(expectation.GetProperty("text").GetString()!, peter);
        Assert.Equal(expectation.GetProperty("expected_note").GetString(), note.ToString());

        using var other = NoteSigner.Generate("example.com/other");
        var twice = note.AddSignatures(other).AddSignatures(peter);
        Assert.Equal(["PeterNeumann", "example.com/other"], twice.Signatures.Select(s => s.KeyName));
        Assert.True(new NoteVerifierList(peter.Verifier, other.Verifier).Open(twice.ToUtf8()).Verified.Count == 2);
    }

    [Fact]
    public void Sign_InvalidText_Throws()
    {
        using var signer = NoteSigner.Generate("example.com/log");
        foreach (var text in new[] { "abc", string.Empty, "tab\there\n", "lone \ud800 surrogate\n", "cr\r\n" })
        {
            Assert.Throws<ArgumentException>(() => SignedNote.Sign(text, signer));
        }
    }

    [Fact]
    public void ParseOnlyExamples_SplitAtTheLastBlankLine()
    {
        var poem = Vectors.GetProperty("other_examples")[0].GetProperty("note").GetString()!;
        Assert.True(SignedNote.TryParse(Encoding.UTF8.GetBytes(poem), out var note));
        Assert.EndsWith("sera.\n", note.Text, StringComparison.Ordinal);
        Assert.Contains("\n\n", note.Text, StringComparison.Ordinal);
        Assert.Equal("quasimodo.example/salvatore", Assert.Single(note.Signatures).KeyName);
    }

    [Fact]
    public void SignaturesSharingOnlyTheNameOrOnlyTheIdOfAKnownKey_AreIgnored()
    {
        using var peter = NoteSigner.Parse(PeterSkey);
        var text = "example\n";
        var note = SignedNote.Sign(text, peter).ToString()
            + new NoteSignature("PeterNeumann", 0x12345678, new byte[64]).ToLine() + "\n"
            + new NoteSignature("NotPeter", peter.KeyId, new byte[64]).ToLine() + "\n";
        var result = new NoteVerifierList(peter.Verifier).Open(Encoding.UTF8.GetBytes(note));
        Assert.Equal(NoteVerificationStatus.Verified, result.Status);
        Assert.Equal(2, result.Unknown.Count);
    }

    [Theory]
    [InlineData(16, NoteVerificationStatus.Verified)]
    [InlineData(100, NoteVerificationStatus.Verified)]
    [InlineData(101, NoteVerificationStatus.Malformed)]
    public void ManySignatures_AcceptedUpTo100(int copies, NoteVerificationStatus status)
    {
        var line = Vectors.GetProperty("signed_notes")[0].GetProperty("note").GetString()!.Split('\n')[3];
        var note = Vectors.GetProperty("notes_text").GetString() + "\n" + string.Concat(Enumerable.Repeat(line + "\n", copies));
        Assert.Equal(status, new NoteVerifierList(NoteVerifier.Parse(PeterVkey)).Open(Encoding.UTF8.GetBytes(note)).Status);
    }

    [Fact]
    public void GeneratedKey_SignsAndVerifies_AndAnyTextChangeIsInvalid()
    {
        using var signer = NoteSigner.Generate("mandate.example/ledger");
        var bytes = SignedNote.Sign("mandate.example/ledger\n42\n", signer).ToUtf8();
        var list = new NoteVerifierList(NoteVerifier.Parse(signer.Verifier.ToString()));
        Assert.True(list.Open(bytes).IsVerified);
        bytes[23] = (byte)'5';
        Assert.Equal(NoteVerificationStatus.InvalidSignature, list.Open(bytes).Status);
    }

    private static string NoteOf(JsonElement vector)
    {
        if (vector.TryGetProperty("note", out var note))
        {
            return note.GetString()!;
        }

        // "notes_text + \n + 101 x PeterNeumann signature line"
        var line = Vectors.GetProperty("signed_notes")[0].GetProperty("note").GetString()!.Split('\n')[3];
        return Vectors.GetProperty("notes_text").GetString() + "\n" + string.Concat(Enumerable.Repeat(line + "\n", 101));
    }
}
