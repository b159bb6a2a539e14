using System.Buffers.Binary;
using System.Text;

namespace Mandate.Core.Vault.Encryption;

/// <summary>Length-prefixed UTF-8 fields after a label, so no two different field lists encode to the same bytes.</summary>
public static class AssociatedData
{
    public static byte[] Encode(string label, params ReadOnlySpan<string> fields)
    {
        var buffer = new List<byte>(64);
        Append(buffer, label);
        foreach (var field in fields)
        {
            Append(buffer, field);
        }

        return buffer.ToArray();
    }

    private static void Append(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.AddRange(length);
        buffer.AddRange(bytes);
    }
}
