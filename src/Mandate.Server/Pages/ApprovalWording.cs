using System.Globalization;
using System.Text.Json;

namespace Mandate.Server.Pages;

/// <summary>Small phrases of the Approvals page.</summary>
public static class ApprovalWording
{
    /// <summary>The gateway's reason for holding a call, in the person's words; null when there is none.</summary>
    public static string? WhyAsked(string? reason) => reason switch
    {
        null => null,
        "tool requires approval" => "every call of this tool needs your approval.",
        "destructive tool requires approval" => "this tool can delete or overwrite things, and every such call needs your approval.",
        "egress after private data requires approval" => "this tool sends data out, and this agent has already read your private data in this task.",
        _ => reason + ".",
    };

    public static string TimeLeft(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var left = expiresAt - now;
        return left.TotalMinutes >= 2
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalMinutes} minutes left")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)left.TotalSeconds)} seconds left");
    }

    /// <summary>The act chain's actors, current one first (RFC 8693 nesting), by client_id or sub.</summary>
    public static IReadOnlyList<string> Agents(string? actChain)
    {
        if (actChain is null)
        {
            return [];
        }

        var agents = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(actChain);
            var current = document.RootElement;
            while (current.ValueKind == JsonValueKind.Object && agents.Count < 16)
            {
                var name = current.TryGetProperty("client_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                    : current.TryGetProperty("sub", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                agents.Add(name ?? "(unnamed)");
                if (!current.TryGetProperty("act", out current))
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            return ["(unreadable agent chain)"];
        }

        return agents;
    }
}
