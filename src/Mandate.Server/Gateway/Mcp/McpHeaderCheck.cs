using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// For 2026-07-28 requests: Mcp-Method and Mcp-Name, when present, must say what the body says, so that everything
/// routing on headers (this gateway included) sees the same request as the upstream that reads the body.
/// </summary>
public static class McpHeaderCheck
{
    private const string Base64Prefix = "=?base64?";
    private const string Base64Suffix = "?=";

    /// <summary>Null when the headers agree with the body (or the request predates them); otherwise why not.</summary>
    public static string? FindMismatch(HttpRequest request, IReadOnlyList<JsonRpcMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(messages);
        var version = request.Headers[McpHeaders.ProtocolVersion].ToString();
        if (!IsStandardHeadersVersion(version) && !messages.Any(m => IsStandardHeadersVersion(m.MetaProtocolVersion)))
        {
            return null;
        }

        if (request.Headers.TryGetValue(McpHeaders.Method, out var method)
            && (method.Count != 1 || messages.Any(m => !string.Equals(m.Method, method.ToString(), StringComparison.Ordinal))))
        {
            return "The Mcp-Method header does not match the request body.";
        }

        if (request.Headers.TryGetValue(McpHeaders.Name, out var name)
            && (name.Count != 1 || Decode(name.ToString()) is not { } decoded || messages.Any(m => !string.Equals(m.RoutingName, decoded, StringComparison.Ordinal))))
        {
            return "The Mcp-Name header does not match the request body.";
        }

        return null;
    }

    private static bool IsStandardHeadersVersion(string? version) =>
        !string.IsNullOrEmpty(version) && string.CompareOrdinal(version, McpHeaders.StandardHeadersVersion) >= 0;

    /// <summary>Plain values as they are; "=?base64?...?=" values decoded (the form for non-ASCII or padded names).</summary>
    private static string? Decode(string value)
    {
        if (!value.StartsWith(Base64Prefix, StringComparison.Ordinal) || !value.EndsWith(Base64Suffix, StringComparison.Ordinal)
            || value.Length < Base64Prefix.Length + Base64Suffix.Length)
        {
            return value;
        }

        var encoded = value[Base64Prefix.Length..^Base64Suffix.Length];
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return Base64Url.IsValid(encoded) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded)) : null;
        }
    }
}
