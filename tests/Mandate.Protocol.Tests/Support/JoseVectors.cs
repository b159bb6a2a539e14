using System.Text.Json;

namespace Mandate.Protocol.Tests.Support;

/// <summary>The shared JOSE/DPoP vectors (Rfc/Vectors/jose-vectors.json), parsed once.</summary>
internal static class JoseVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Rfc", "Vectors", "jose-vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Rfc7638 => Root.GetProperty("rfc7638_section_3_1");

    public static JsonElement Rfc8037 => Root.GetProperty("rfc8037_appendix_a");

    public static JsonElement Rfc7515A3 => Root.GetProperty("rfc7515_appendix_a3");

    public static JsonElement Rfc9449 => Root.GetProperty("rfc9449");

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
