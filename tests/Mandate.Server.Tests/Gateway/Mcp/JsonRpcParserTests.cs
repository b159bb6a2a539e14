using System.Runtime.InteropServices;
using System.Text;
using Mandate.Server.Gateway.Mcp;

namespace Mandate.Server.Tests.Gateway.Mcp;

public sealed class JsonRpcParserTests
{
    [Fact]
    public void ToolCallArguments_AreTheBodysOwnBytes_NotACopy()
    {
        const string Arguments = """{"repo":"acme/web","title":"Login \u00e9chou\u00e9","labels":["bug"]}""";
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_issue","arguments":""" + Arguments + "}}");

        var message = Assert.Single(JsonRpcParser.Parse(body).Messages);

        var arguments = Assert.IsType<ReadOnlyMemory<byte>>(message.Arguments);
        Assert.Equal(Arguments, Encoding.UTF8.GetString(arguments.Span));
        Assert.True(MemoryMarshal.TryGetArray(arguments, out var segment));
        Assert.Same(body, segment.Array);
        Assert.Equal(body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Arguments)), segment.Offset);
    }

    [Fact]
    public void EachMessageOfABatch_GetsItsOwnArguments()
    {
        var body = Encoding.UTF8.GetBytes("""
            [{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"x":1}}},
             {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"b","arguments":{"y":[2, 3]}}},
             {"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"c","arguments":{"z":4}}}]
            """);

        var messages = JsonRpcParser.Parse(body).Messages;

        Assert.Equal("""{"x":1}""", Encoding.UTF8.GetString(messages[0].Arguments!.Value.Span));
        Assert.Equal("""{"y":[2, 3]}""", Encoding.UTF8.GetString(messages[1].Arguments!.Value.Span));
        // Only a tools/call's arguments are kept for a mandate; a prompt's are digested for the audit and nothing more.
        Assert.Null(messages[2].Arguments);
        Assert.NotNull(messages[2].ArgumentsDigest);
    }

    [Fact]
    public void AToolCallWithoutArguments_HasNone()
    {
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ping"}}""");

        var message = Assert.Single(JsonRpcParser.Parse(body).Messages);

        Assert.Null(message.Arguments);
        Assert.Null(message.ArgumentsDigest);
    }
}
