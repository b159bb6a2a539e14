using System.IO.Compression;
using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Tiles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Ledger;

/// <summary>
/// GET {issuer}/ledger/tile/{L}/{N}[.p/{W}] and /ledger/tile/entries/{N}[.p/{W}] (c2sp.org/tlog-tiles): hash tiles
/// from the stored subtree hashes, entry bundles from the stored entries, only within the latest checkpoint (404
/// beyond it). A full tile never changes: cached for a year, immutable. A partial one is cached briefly (the full one
/// replaces it). Entry bundles are gzipped for clients that accept it.
/// </summary>
public static class TileEndpoint
{
    public static async Task HandleAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TlogTile.TryParsePath("tile/" + path, out var parsed))
        {
            await LedgerProblem.BadRequestAsync(context, "Not a tile path (c2sp.org/tlog-tiles): tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>].");
            return;
        }

        var tile = parsed.Value;
        var services = context.RequestServices;
        var size = (await services.GetRequiredService<ICheckpointStore>().GetLatestAsync(context.RequestAborted))?.TreeSize ?? 0;
        if (TlogTiles.TileAt(Math.Max(tile.Level, 0), tile.Index, size) is not { } available || available.Width < tile.Width)
        {
            await LedgerProblem.NotFoundAsync(context, $"Tile {tile.Path} is not within the latest checkpoint ({size} entries).");
            return;
        }

        var store = services.GetRequiredService<ILedgerStore>();
        var content = tile.IsEntryBundle ? await ReadBundleAsync(store, tile, context.RequestAborted) : await ReadTileAsync(store, tile, context.RequestAborted);
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.Headers.CacheControl = tile.IsPartial ? "public, max-age=10" : "public, max-age=31536000, immutable";
        if (tile.IsEntryBundle)
        {
            response.Headers.Vary = "Accept-Encoding";
            if (AcceptsGzip(context.Request))
            {
                response.Headers.ContentEncoding = "gzip";
                await using var gzip = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
                await gzip.WriteAsync(content, context.RequestAborted);
                return;
            }
        }

        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content, context.RequestAborted);
    }

    private static async Task<byte[]> ReadTileAsync(ILedgerStore store, TlogTile tile, CancellationToken cancellationToken)
    {
        var first = tile.Index * TlogTile.FullWidth;
        var nodes = await store.ReadNodesAsync(tile.TreeLevel, first, tile.Width, cancellationToken);
        var content = new byte[tile.Width * MerkleHash.Size];
        for (var i = 0; i < tile.Width; i++)
        {
            if (i >= nodes.Count || nodes[i].Index != first + i)
            {
                throw new InvalidDataException($"The ledger store lacks hash {first + i} of tree level {tile.TreeLevel}.");
            }

            nodes[i].Hash.CopyTo(content, i * MerkleHash.Size);
        }

        return content;
    }

    private static async Task<byte[]> ReadBundleAsync(ILedgerStore store, TlogTile tile, CancellationToken cancellationToken)
    {
        var first = tile.Index * TlogTile.FullWidth;
        var entries = await store.ReadEntriesAsync(first, tile.Width, cancellationToken);
        if (entries.Count != tile.Width || entries[^1].Index != first + tile.Width - 1)
        {
            throw new InvalidDataException($"The ledger store lacks entries between {first} and {first + tile.Width - 1}.");
        }

        return EntryBundle.Encode(entries.Select(e => (ReadOnlyMemory<byte>)e.Entry).ToList());
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => string.Equals(e.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
}
