using System.Diagnostics;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>A test-side SSE reader that notes when each event arrived, to tell streaming from buffering.</summary>
public static class SseEvents
{
    public static async Task<List<SseTestEvent>> ReadAllAsync(HttpResponseMessage response, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var events = new List<SseTestEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? id = null, type = null;
        List<string>? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (id is not null || type is not null || data is not null)
                {
                    events.Add(new SseTestEvent(id, type, data is null ? null : string.Join('\n', data), clock.Elapsed));
                }

                id = type = null;
                data = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": (data ??= []).Add(value); break;
            }
        }

        return events;
    }
}
