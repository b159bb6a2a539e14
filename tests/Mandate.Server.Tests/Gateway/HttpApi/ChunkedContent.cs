using System.Net;
using System.Text;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>
/// A request body sent in two flushed pieces, the second only once <paramref name="received"/> completes (the
/// upstream saw the first): a proxy that buffered the body would never let that happen.
/// </summary>
internal sealed class ChunkedContent(Task received, string first, string second) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(first));
        await stream.FlushAsync();
        await received.WaitAsync(TimeSpan.FromSeconds(30));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(second));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
