using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Core.Tokens;

/// <summary>
/// RFC 8693 section 4.4 <c>may_act</c>: the party a token's holder may hand it to by token exchange. Each member that
/// is present must match the actor; a claim naming nobody allows nobody.
/// </summary>
public sealed record MayAct(string? Subject, string? ClientId)
{
    public bool Allows(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Subject is null && ClientId is null)
        {
            return false;
        }

        return (Subject is null || string.Equals(Subject, actor.Subject, StringComparison.Ordinal))
            && (ClientId is null || string.Equals(ClientId, actor.ClientId, StringComparison.Ordinal));
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("may_act");
        writer.WriteStartObject();
        if (Subject is not null)
        {
            writer.WriteString("sub", Subject);
        }

        if (ClientId is not null)
        {
            writer.WriteString("client_id", ClientId);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a <c>may_act</c> object; a present but malformed claim reads as one that allows nobody.</summary>
    public static MayAct? Read(JsonElement payload)
    {
        if (!payload.TryGetProperty("may_act", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return new MayAct(null, null);
        }

        var sub = JsonMembers.GetString(element, "sub");
        var clientId = JsonMembers.GetString(element, "client_id");
        return new MayAct(sub, clientId);
    }
}
