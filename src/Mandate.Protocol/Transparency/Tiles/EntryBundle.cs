using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Mandate.Protocol.Transparency.Tiles;

/// <summary>
/// Entry bundles (c2sp.org/tlog-tiles, "Log entries"): the entries of one level-0 tile, each prefixed with its
/// length as a big-endian uint16. Entry i of a bundle hashes (RFC 9162 leaf hash) to hash i of the level-0 tile.
/// </summary>
public static class EntryBundle
{
    /// <summary>The longest entry a bundle can hold: 65,535 bytes.</summary>
    public const int MaxEntryLength = ushort.MaxValue;

    /// <summary>Encodes entries as a bundle.</summary>
    /// <exception cref="ArgumentException">An entry is longer than <see cref="MaxEntryLength"/>, or there are more than 256.</exception>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > TlogTile.FullWidth)
        {
            throw new ArgumentException("A bundle holds at most 256 entries.", nameof(entries));
        }

        var length = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > MaxEntryLength)
            {
                throw new ArgumentException($"An entry of {entry.Length} bytes does not fit a uint16 length prefix.", nameof(entries));
            }

            length += 2 + entry.Length;
        }

        var bundle = new byte[length];
        var offset = 0;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(offset), (ushort)entry.Length);
            entry.Span.CopyTo(bundle.AsSpan(offset + 2));
            offset += 2 + entry.Length;
        }

        return bundle;
    }

    /// <summary>Decodes a bundle, refusing a truncated entry or more than 256 entries. Never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bundle, [NotNullWhen(true)] out IReadOnlyList<byte[]>? entries)
    {
        entries = null;
        var list = new List<byte[]>();
        while (!bundle.IsEmpty)
        {
            if (bundle.Length < 2 || list.Count == TlogTile.FullWidth)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length - 2 < length)
            {
                return false;
            }

            list.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        entries = list;
        return true;
    }
}
