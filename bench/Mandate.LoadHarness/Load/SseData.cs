namespace Mandate.LoadHarness.Load;

/// <summary>The data of each event in a complete text/event-stream body (data lines joined with "\n").</summary>
internal static class SseData
{
    public static List<ReadOnlyMemory<byte>> Events(ReadOnlySpan<byte> body)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        var data = new List<byte>();
        var hasData = false;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                Flush(events, data, ref hasData);
            }
            else if (line.StartsWith("data:"u8))
            {
                var value = line["data:".Length..];
                value = value.StartsWith(" "u8) ? value[1..] : value;
                if (hasData)
                {
                    data.Add((byte)'\n');
                }

                data.AddRange(value);
                hasData = true;
            }
        }

        Flush(events, data, ref hasData);
        return events;
    }

    private static void Flush(List<ReadOnlyMemory<byte>> events, List<byte> data, ref bool hasData)
    {
        if (hasData)
        {
            events.Add(data.ToArray());
            data.Clear();
            hasData = false;
        }
    }
}
