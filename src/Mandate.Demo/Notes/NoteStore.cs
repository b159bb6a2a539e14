using System.Collections.Concurrent;
using System.Globalization;

namespace Mandate.Demo.Notes;

/// <summary>The demo's notes, in memory only: every start begins with the two welcome notes.</summary>
public sealed class NoteStore
{
    private readonly ConcurrentDictionary<string, Note> notes = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private int lastId;

    public NoteStore(TimeProvider time)
    {
        this.time = time;
        Create(
            "Welcome to Mandate",
            "This notes server sits behind Mandate's MCP gateway. You reached it with a token Mandate issued after you " +
            "signed in and consented; the gateway checked it and called this server with its own key, never your token.");
        Create(
            "What your consent allows",
            "mcp:read lets an agent list and read notes, mcp:write also create and update them, and mcp:destructive " +
            "also delete them. Tools above what you allowed are not even listed, and calling one asks for more consent.");
    }

    public IReadOnlyList<NoteSummary> List() =>
        [.. notes.Values.OrderBy(n => int.Parse(n.Id.AsSpan(5), CultureInfo.InvariantCulture)).Select(n => new NoteSummary(n.Id, n.Title))];

    public Note? Find(string id) => notes.GetValueOrDefault(id);

    public Note Create(string title, string body)
    {
        var id = "note-" + Interlocked.Increment(ref lastId).ToString(CultureInfo.InvariantCulture);
        var note = new Note(id, title, body, time.GetUtcNow());
        notes[id] = note;
        return note;
    }

    /// <summary>Changes the title, the body or both; null when there is no such note.</summary>
    public Note? Update(string id, string? title, string? body)
    {
        while (notes.TryGetValue(id, out var current))
        {
            var updated = current with { Title = title ?? current.Title, Body = body ?? current.Body, UpdatedAt = time.GetUtcNow() };
            if (notes.TryUpdate(id, updated, current))
            {
                return updated;
            }
        }

        return null;
    }

    public bool Delete(string id) => notes.TryRemove(id, out _);
}
