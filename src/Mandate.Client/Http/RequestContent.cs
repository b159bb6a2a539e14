namespace Mandate.Client.Http;

/// <summary>Makes a request's body safe to send twice (a retry after a DPoP nonce challenge).</summary>
internal static class RequestContent
{
    /// <summary>
    /// Buffers the body in memory unless it is already held in memory (byte-array, string and form contents
    /// serialise again from their bytes). A stream body could otherwise be sent only once.
    /// </summary>
    public static async Task MakeResendableAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content and not (ByteArrayContent or ReadOnlyMemoryContent))
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
