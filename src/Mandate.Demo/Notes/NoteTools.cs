using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Mandate.Demo.Notes;

/// <summary>
/// The demo's tools, annotated as the MCP spec intends so a gateway that trusts annotations can tell them apart:
/// read-only, additive (not destructive) and destructive.
/// </summary>
[McpServerToolType]
public sealed class NoteTools(NoteStore store)
{
    [McpServerTool(Name = "list_notes", Title = "List notes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Lists the notes: their ids and titles, as JSON.")]
    public string ListNotes() => JsonSerializer.Serialize(store.List(), NotesJsonContext.Default.IReadOnlyListNoteSummary);

    [McpServerTool(Name = "read_note", Title = "Read a note", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Reads one note (id, title, body, updated_at), as JSON.")]
    public string ReadNote([Description("The note's id, e.g. note-1.")] string id) =>
        JsonSerializer.Serialize(store.Find(id) ?? throw NoSuchNote(id), NotesJsonContext.Default.Note);

    [McpServerTool(Name = "create_note", Title = "Create a note", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Creates a note and returns it, as JSON.")]
    public string CreateNote([Description("A short title.")] string title, [Description("The text of the note.")] string body) =>
        JsonSerializer.Serialize(store.Create(title, body), NotesJsonContext.Default.Note);

    [McpServerTool(Name = "update_note", Title = "Update a note", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Changes a note's title, body or both, and returns it, as JSON.")]
    public string UpdateNote(
        [Description("The note's id, e.g. note-1.")] string id,
        [Description("The new title; leave out to keep it.")] string? title = null,
        [Description("The new text; leave out to keep it.")] string? body = null) =>
        JsonSerializer.Serialize(store.Update(id, title, body) ?? throw NoSuchNote(id), NotesJsonContext.Default.Note);

    [McpServerTool(Name = "delete_note", Title = "Delete a note", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Deletes a note for good.")]
    public string DeleteNote([Description("The note's id, e.g. note-1.")] string id) =>
        store.Delete(id) ? $"Deleted {id}." : throw NoSuchNote(id);

    // A tool error (a result with isError), not a protocol error: the call was well formed.
    private static McpException NoSuchNote(string id) => new($"There is no note {id}.");
}
