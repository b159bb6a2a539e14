using System.Net;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// Wraps YARP's request body content (in <see cref="FlushingHandler"/>: YARP refuses a transform that replaces it) so
/// every piece the caller sends is flushed to the upstream at once. YARP flushes
/// HttpClient's buffer per write only for gRPC; otherwise a small piece of a streamed upload (NDJSON, a long chunked
/// body) waits in the buffer until more arrives, and an upstream that answers piece by piece waits with it. The inner
/// content still does the copying (and YARP still tracks it), only through a stream that flushes after each write.
/// </summary>
internal sealed class FlushingRequestContent : HttpContent
{
    private readonly HttpContent inner;

    public FlushingRequestContent(HttpContent inner)
    {
        this.inner = inner;
        foreach (var (name, values) in inner.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        inner.CopyToAsync(new FlushOnWriteStream(stream), context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? 0;
        return inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
