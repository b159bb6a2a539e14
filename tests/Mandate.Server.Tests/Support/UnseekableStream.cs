namespace Mandate.Server.Tests.Support;

/// <summary>A read-only stream of unknown length, so HttpClient sends it chunked.</summary>
public sealed class UnseekableStream(byte[] data) : MemoryStream(data, writable: false)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();
}
