using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Mandate.Protocol.Transparency.Tiles;

/// <summary>
/// A tile of a tiled transparency log (c2sp.org/tlog-tiles): the <paramref name="Index"/>-th run of up to 256
/// consecutive hashes at tile level <paramref name="Level"/> (tree level 8 × Level), or, at level
/// <see cref="EntriesLevel"/>, the entry bundle holding the entries of the matching level-0 tile.
/// </summary>
/// <param name="Level">The tile level, 0 to 63, or <see cref="EntriesLevel"/> for an entry bundle.</param>
/// <param name="Index">The tile's index within its level.</param>
/// <param name="Width">The number of hashes (or entries): 256 for a full tile, 1 to 255 for a partial one.</param>
public readonly record struct TlogTile(int Level, long Index, int Width)
{
    /// <summary>The level used for entry bundles (<c>tile/entries/...</c>).</summary>
    public const int EntriesLevel = -1;

    /// <summary>The tile height: each tile spans 8 tree levels.</summary>
    public const int Height = 8;

    /// <summary>The width of a full tile: 256 hashes (8,192 bytes).</summary>
    public const int FullWidth = 256;

    /// <summary>Whether this is an entry bundle rather than a hash tile.</summary>
    public bool IsEntryBundle => Level == EntriesLevel;

    /// <summary>Whether the tile holds fewer than 256 hashes.</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>The tree level of the hashes in the tile (8 × Level; 0 for entry bundles).</summary>
    public int TreeLevel => IsEntryBundle ? 0 : Level * Height;

    /// <summary>The entry bundle of this level-0 tile.</summary>
    /// <exception cref="InvalidOperationException">The tile is not at level 0.</exception>
    public TlogTile ToEntryBundle() =>
        Level == 0 ? this with { Level = EntriesLevel } : throw new InvalidOperationException("Only level-0 tiles have entry bundles.");

    /// <summary>The resource path: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, N in 3-digit groups (<c>x001/x234/067</c>).</summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder("tile/").Append(IsEntryBundle ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/');
            var groups = new List<long>();
            var n = Index;
            do
            {
                groups.Add(n % 1000);
                n /= 1000;
            }
            while (n > 0);

            for (var i = groups.Count - 1; i >= 0; i--)
            {
                path.Append(i > 0 ? "x" : string.Empty).Append(groups[i].ToString("D3", CultureInfo.InvariantCulture)).Append(i > 0 ? "/" : string.Empty);
            }

            return IsPartial ? path.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture)).ToString() : path.ToString();
        }
    }

    /// <summary>
    /// Parses a tile path (without the log prefix), accepting only the canonical form <see cref="Path"/> produces:
    /// level 0 to 63 or <c>entries</c>, no extra leading zeros, width 1 to 255. Never throws.
    /// </summary>
    public static bool TryParsePath(string? path, [NotNullWhen(true)] out TlogTile? tile)
    {
        tile = null;
        var parts = path?.Split('/');
        if (parts is null || parts.Length < 3 || parts.Length > 10 || parts[0] != "tile")
        {
            return false;
        }

        var level = EntriesLevel;
        if (parts[1] != "entries" && !(int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out level) && level <= 63))
        {
            return false;
        }

        var width = FullWidth;
        var last = parts.Length - 1;
        if (parts[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or >= FullWidth)
            {
                return false;
            }

            parts[^2] = parts[^2][..^2];
            last--;
        }

        long index = 0;
        for (var i = 2; i <= last; i++)
        {
            var group = i < last ? (parts[i].StartsWith('x') ? parts[i][1..] : string.Empty) : parts[i];
            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                return false;
            }

            var value = int.Parse(group, CultureInfo.InvariantCulture);
            if (index > (long.MaxValue - value) / 1000)
            {
                return false;
            }

            index = (index * 1000) + value;
        }

        var parsed = new TlogTile(level, index, width);
        tile = parsed.Path == path ? parsed : null;
        return tile is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
