using Mandate.Core.Audit;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway.Mcp;

public sealed class AuditIdHeaderTests
{
    [Fact]
    public void Ids_AreListedInOrder()
    {
        var context = new DefaultHttpContext();

        AuditIdHeader.Set(context.Response, [12, 13, 14]);

        Assert.Equal("12, 13, 14", context.Response.Headers[AuditIdHeader.Name].ToString());
    }

    [Fact]
    public void NotRecorded_NoHeader()
    {
        var context = new DefaultHttpContext();

        AuditIdHeader.Set(context.Response, [DiscardingAuditSink.NotRecorded, DiscardingAuditSink.NotRecorded]);

        Assert.False(context.Response.Headers.ContainsKey(AuditIdHeader.Name));
    }
}
