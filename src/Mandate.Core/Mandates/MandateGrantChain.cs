using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>
/// The <c>mandate_grants</c> private claim of a token that carries a mandate: the grants it descends from, root first,
/// and its own grant last. A grant is one person's approval of one mandate (the authorization code's, kept by every
/// refresh of its family), or one narrowing of it by token exchange. Each grant counts calls against its own limits,
/// and a call by a derived token counts against every ancestor too, so no number of exchanges gets past the root's
/// <c>max_calls</c>. The token's own limits are its mandate's; the ancestors' are copied here at each exchange (only
/// for tools the new mandate still has), because a derived token no longer carries its parents' mandates.
/// </summary>
public sealed record MandateGrantChain(IReadOnlyList<MandateGrant> Ancestors, string Id)
{
    public const string ClaimName = "mandate_grants";

    private const int MaxIdLength = 64;
    private const int MaxLength = 16;

    /// <summary>Every grant id, root first.</summary>
    public IEnumerable<string> Ids => Ancestors.Select(a => a.Id).Append(Id);

    /// <summary>The chain of a token exchanged from this one: this grant becomes an ancestor, with the limits it set.</summary>
    public MandateGrantChain Derive(TaskMandate own, TaskMandate narrowed, string newId)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(narrowed);
        var kept = narrowed.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var ancestors = Ancestors
            .Select(a => new MandateGrant(a.Id, Limits(a.MaxCalls.Where(l => kept.Contains(l.Key)))))
            .Append(new MandateGrant(Id, Limits(own.Tools.Where(t => t.MaxCalls is not null && kept.Contains(t.Name)).Select(t => KeyValuePair.Create(t.Name, t.MaxCalls!.Value)))))
            .ToList();
        return new MandateGrantChain(ancestors, newId);
    }

    public void WriteProperty(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray(ClaimName);
        foreach (var ancestor in Ancestors)
        {
            writer.WriteStartObject();
            writer.WriteString("id", ancestor.Id);
            if (ancestor.MaxCalls.Count > 0)
            {
                writer.WriteStartObject("max_calls");
                foreach (var (tool, max) in ancestor.MaxCalls)
                {
                    writer.WriteNumber(tool, max);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>Reads the claim of a token Mandate signed; null when it is not well formed (the token then fails).</summary>
    public static MandateGrantChain? Read(JsonElement claim)
    {
        if (claim.ValueKind != JsonValueKind.Array || claim.GetArrayLength() is 0 or > MaxLength)
        {
            return null;
        }

        var grants = new List<MandateGrant>();
        foreach (var item in claim.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 and <= MaxIdLength } grantId)
            {
                return null;
            }

            var limits = new Dictionary<string, int>(StringComparer.Ordinal);
            if (item.TryGetProperty("max_calls", out var max))
            {
                if (max.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (var limit in max.EnumerateObject())
                {
                    if (!limit.Value.TryGetInt32(out var value) || value < 1)
                    {
                        return null;
                    }

                    limits[limit.Name] = value;
                }
            }

            grants.Add(new MandateGrant(grantId, limits));
        }

        return new MandateGrantChain(grants[..^1], grants[^1].Id);
    }

    private static Dictionary<string, int> Limits(IEnumerable<KeyValuePair<string, int>> limits) =>
        limits.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
}
