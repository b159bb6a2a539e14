using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Reads a text/event-stream one event at a time, keeping each event's bytes so events the gateway does not rewrite
/// go through unchanged. Lines end in LF or CRLF (what MCP servers send; a lone CR is not treated as a line end).
/// </summary>
public sealed class SseEventReader(Stream stream, long maxEventBytes) : IAsyncDisposable
{
    private readonly PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    /// <summary>The next event; null at the end of the stream. Throws <see cref="InvalidDataException"/> past the size cap.</summary>
    public async Task<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var raw = new ArrayBufferWriter<byte>();
        StringBuilder? data = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, out var line, out var withTerminator))
            {
                foreach (var segment in withTerminator)
                {
                    raw.Write(segment.Span);
                }

                if (line.IsEmpty)
                {
                    reader.AdvanceTo(buffer.Start);
                    return new SseEvent(raw.WrittenMemory, data?.ToString());
                }

                var text = Encoding.UTF8.GetString(line);
                if (text.StartsWith("data:", StringComparison.Ordinal))
                {
                    var value = text.AsSpan(5);
                    value = value.StartsWith(" ") ? value[1..] : value;
                    data = data is null ? new StringBuilder().Append(value) : data.Append('\n').Append(value);
                }
            }

            if (raw.WrittenCount + buffer.Length > maxEventBytes)
            {
                throw new InvalidDataException("An event is larger than the gateway buffers.");
            }

            if (result.IsCompleted)
            {
                foreach (var segment in buffer)
                {
                    raw.Write(segment.Span);
                }

                reader.AdvanceTo(buffer.End);
                return raw.WrittenCount == 0 ? null : new SseEvent(raw.WrittenMemory, data?.ToString());
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Copies the rest of the stream as it arrives, flushing after each read.</summary>
    public async Task CopyRestAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                await destination.WriteAsync(segment, cancellationToken);
            }

            await destination.FlushAsync(cancellationToken);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => reader.CompleteAsync();

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line, out ReadOnlySequence<byte> withTerminator)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            withTerminator = default;
            return false;
        }

        var end = buffer.GetPosition(1, position.Value);
        withTerminator = buffer.Slice(0, end);
        line = buffer.Slice(0, position.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(end);
        return true;
    }
}
