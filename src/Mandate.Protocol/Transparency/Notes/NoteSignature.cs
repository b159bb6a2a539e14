namespace Mandate.Protocol.Transparency.Notes;

/// <summary>One signature line of a note: <c>— &lt;key name&gt; base64(key ID || signature)</c>.</summary>
/// <param name="KeyName">The key name.</param>
/// <param name="KeyId">The key ID (the first four bytes of the decoded base64, big-endian).</param>
/// <param name="Signature">The signature bytes after the key ID.</param>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature)
{
    /// <summary>The signature line, without its final newline.</summary>
    public string ToLine()
    {
        var bytes = new byte[4 + Signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.CopyTo(bytes, 4);
        return $"\u2014 {KeyName} {Convert.ToBase64String(bytes)}";
    }
}
