using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Core.Gateway;

namespace Mandate.Core.Tests.Gateway;

public sealed class ToolDefinitionTests
{
    [Fact]
    public void Parse_CanonicalJson_SortedKeysNoWhitespace_OnlyTheFingerprintedMembers()
    {
        var tool = Parse("""
            { "name": "get", "title": "Get", "icons": [], "_meta": {"x": 1},
              "inputSchema": { "type": "object", "properties": { "z": {"type": "string"}, "a": {"type": "number"} } },
              "description": "Gets \"it\"", "annotations": { "readOnlyHint": true, "destructiveHint": false } }
            """);

        var definition = ToolDefinition.Parse(tool)!;

        Assert.Equal(
            """{"annotations":{"destructiveHint":false,"readOnlyHint":true},"description":"Gets \u0022it\u0022","inputSchema":{"properties":{"a":{"type":"number"},"z":{"type":"string"}},"type":"object"},"name":"get"}""",
            definition.Json);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition.Json))), definition.Fingerprint);
        Assert.Equal(PermissionLevel.Read, definition.AnnotationLevel);
    }

    [Fact]
    public void Fingerprint_IgnoresKeyOrderAndWhitespace()
    {
        var a = ToolDefinition.Parse(Parse("""{"name":"t","inputSchema":{"type":"object","required":["x"]},"annotations":{"readOnlyHint":true}}"""))!;
        var b = ToolDefinition.Parse(Parse("""{ "annotations" : { "readOnlyHint" : true }, "inputSchema" : { "required" : [ "x" ], "type" : "object" }, "name" : "t" }"""))!;

        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Fingerprint_ArrayOrderMatters()
    {
        var a = ToolDefinition.Parse(Parse("""{"name":"t","inputSchema":{"required":["x","y"]}}"""))!;
        var b = ToolDefinition.Parse(Parse("""{"name":"t","inputSchema":{"required":["y","x"]}}"""))!;

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void ContentFingerprint_SameWhenOnlyAnnotationsDiffer()
    {
        var a = ToolDefinition.Parse(Parse("""{"name":"t","description":"d","annotations":{"readOnlyHint":true}}"""))!;
        var b = ToolDefinition.Parse(Parse("""{"name":"t","description":"d","annotations":{"destructiveHint":true}}"""))!;
        var c = ToolDefinition.Parse(Parse("""{"name":"t","description":"d"}"""))!;

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.ContentFingerprint, b.ContentFingerprint);
        Assert.Equal(a.ContentFingerprint, c.ContentFingerprint);
    }

    [Fact]
    public void NullMembers_CountAsAbsent()
    {
        var a = ToolDefinition.Parse(Parse("""{"name":"t","description":null,"outputSchema":null,"annotations":null}"""))!;
        var b = ToolDefinition.Parse(Parse("""{"name":"t"}"""))!;

        Assert.Equal(b.Fingerprint, a.Fingerprint);
    }

    [Fact]
    public void FromJson_RoundTripsTheStoredDefinition()
    {
        var definition = ToolDefinition.Parse(Parse("""{"name":"t","description":"ünïcode <b>","annotations":{"destructiveHint":false}}"""))!;

        var again = ToolDefinition.FromJson(definition.Json)!;

        Assert.Equal(definition.Fingerprint, again.Fingerprint);
        Assert.Equal(PermissionLevel.Write, again.AnnotationLevel);
    }

    [Theory]
    [InlineData("""{"description":"no name"}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":42}""")]
    [InlineData("""["name"]""")]
    public void Parse_NoUsableName_Null(string json) => Assert.Null(ToolDefinition.Parse(Parse(json)));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
