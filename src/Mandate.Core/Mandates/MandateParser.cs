using System.Text.Json;
using Mandate.Protocol.Resources;

namespace Mandate.Core.Mandates;

/// <summary>
/// Parses an RFC 9396 <c>authorization_details</c> value strictly: a JSON array holding exactly one object of type
/// <c>mandate</c>; unknown members, other types, duplicate members and out-of-range values are refused, never ignored.
/// Context checks (the request's resource, the expiry window) are <see cref="MandateRequestValidator"/>'s.
/// </summary>
public static class MandateParser
{
    public const int MaxJsonChars = 8 * 1024;
    public const int MaxLocations = 10;
    public const int MaxPurposeLength = 500;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <param name="json">The parameter or claim value (a JSON array).</param>
    /// <param name="checkSchemas">False for a mandate Mandate itself signed into a token: its schemas were checked when it was granted.</param>
    public static MandateParseResult Parse(string json, bool checkSchemas = true)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonChars)
        {
            return MandateParseResult.Fail($"authorization_details is longer than {MaxJsonChars} characters.");
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Parse(document.RootElement, checkSchemas);
        }
        catch (JsonException)
        {
            return MandateParseResult.Fail("authorization_details is not valid JSON.");
        }
    }

    public static MandateParseResult Parse(JsonElement details, bool checkSchemas = true)
    {
        if (details.ValueKind != JsonValueKind.Array || details.GetArrayLength() == 0)
        {
            return MandateParseResult.Fail("authorization_details must be a non-empty JSON array.");
        }

        foreach (var entry in details.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return MandateParseResult.Fail("Each authorization_details entry must be an object with a string type.");
            }

            if (type.GetString() != TaskMandate.Type)
            {
                return MandateParseResult.Fail($"authorization_details type '{Truncate(type.GetString())}' is not supported; the only type is 'mandate'.");
            }
        }

        return details.GetArrayLength() > 1
            ? MandateParseResult.Fail("Send one mandate per request.")
            : ParseEntry(details[0], checkSchemas);
    }

    private static MandateParseResult ParseEntry(JsonElement entry, bool checkSchemas)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string>? locations = null;
        IReadOnlyList<MandateTool>? tools = null;
        string? purpose = null;
        DateTimeOffset? expiresAt = null;
        foreach (var member in entry.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                return MandateParseResult.Fail($"Member '{Truncate(member.Name)}' appears twice.");
            }

            string? error = null;
            switch (member.Name)
            {
                case "type":
                    break;
                case "locations":
                    (locations, error) = ParseLocations(member.Value);
                    break;
                case "tools":
                    (tools, error) = MandateToolParser.ParseTools(member.Value, checkSchemas);
                    break;
                case "purpose":
                    (purpose, error) = ParsePurpose(member.Value);
                    break;
                case "expires_at":
                    (expiresAt, error) = ParseExpiry(member.Value);
                    break;
                default:
                    error = $"Unknown member '{Truncate(member.Name)}' in a mandate.";
                    break;
            }

            if (error is not null)
            {
                return MandateParseResult.Fail(error);
            }
        }

        if (locations is null || tools is null || expiresAt is null)
        {
            return MandateParseResult.Fail("A mandate needs locations, tools and expires_at.");
        }

        return MandateParseResult.Ok(new TaskMandate { Locations = locations, Tools = tools, Purpose = purpose, ExpiresAt = expiresAt.Value });
    }

    private static (IReadOnlyList<string>?, string?) ParseLocations(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxLocations)
        {
            return (null, $"locations must be an array of 1 to {MaxLocations} resource URIs.");
        }

        var locations = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !ResourceIndicator.TryCanonicalize(item.GetString()!, out var canonical))
            {
                return (null, "Each location must be an absolute resource URI without a fragment.");
            }

            if (locations.Contains(canonical, StringComparer.Ordinal))
            {
                return (null, "locations has a duplicate.");
            }

            locations.Add(canonical);
        }

        return (locations, null);
    }

    private static (string?, string?) ParsePurpose(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= MaxPurposeLength } purpose
            ? (purpose, null)
            : (null, $"purpose must be a string of 1 to {MaxPurposeLength} characters.");

    private static (DateTimeOffset?, string?) ParseExpiry(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is > 0 and < 253_402_300_800
            ? (DateTimeOffset.FromUnixTimeSeconds(seconds), null)
            : (null, "expires_at must be a time in whole seconds since 1970-01-01T00:00:00Z (a JSON integer).");

    internal static string Truncate(string? value) => value is null ? string.Empty : value.Length > 64 ? value[..64] : value;
}
