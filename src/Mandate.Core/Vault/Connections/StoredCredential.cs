using System.Buffers;
using System.Text.Json;

namespace Mandate.Core.Vault.Connections;

/// <summary>The secret part of a connection, sealed as one JSON document: the provider's tokens, or the pasted API key.</summary>
public sealed record StoredCredential
{
    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>Bearer or DPoP, as the provider said.</summary>
    public string? TokenType { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>The private JWK of the connection's DPoP key (RFC 9449), when the provider binds its tokens to one.</summary>
    public string? DpopKey { get; init; }

    /// <summary>Never a secret.</summary>
    public override string ToString() => $"StoredCredential {{ TokenType = {TokenType} }}";

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Write(w, "access_token", AccessToken);
            Write(w, "refresh_token", RefreshToken);
            Write(w, "token_type", TokenType);
            Write(w, "api_key", ApiKey);
            Write(w, "dpop_key", DpopKey);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static StoredCredential? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null : new StoredCredential
            {
                AccessToken = Read(root, "access_token"),
                RefreshToken = Read(root, "refresh_token"),
                TokenType = Read(root, "token_type"),
                ApiKey = Read(root, "api_key"),
                DpopKey = Read(root, "dpop_key"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
