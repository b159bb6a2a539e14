using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Mandate.Cli;

/// <summary>Command output: JSON for scripts (--json), aligned text for people. Errors go to stderr.</summary>
public static class Output
{
    public static void JsonObject(Action<Utf8JsonWriter> writeMembers)
    {
        ArgumentNullException.ThrowIfNull(writeMembers);
        Console.Out.WriteLine(Render(w =>
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }));
    }

    public static void JsonArray<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeMembers);
        Console.Out.WriteLine(Render(w =>
        {
            w.WriteStartArray();
            foreach (var item in items)
            {
                w.WriteStartObject();
                writeMembers(w, item);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 1;
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
