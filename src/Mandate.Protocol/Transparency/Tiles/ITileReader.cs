namespace Mandate.Protocol.Transparency.Tiles;

/// <summary>Reads hash tiles: from a store on the log's side, over HTTP (<c>&lt;prefix&gt;/tile/...</c>) on a client's.</summary>
public interface ITileReader
{
    /// <summary>Returns the content of the tile: exactly <c>tile.Width</c> hashes of 32 bytes.</summary>
    ValueTask<byte[]> ReadTileAsync(TlogTile tile, CancellationToken cancellationToken = default);
}
